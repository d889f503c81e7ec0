; Inno Setup 6 script: the Windows installer for Hotline, from PyInstaller's dist\hotline\.
;
; Build on Windows, from the repository root (packaging/README.md):
;   py -3.11 -m venv .venv
;   .venv\Scripts\pip install -e .[build]
;   .venv\Scripts\pyinstaller packaging\hotline.spec
;   iscc packaging\windows\hotline.iss                     (Inno Setup 6.5 or newer)
; Output: dist\installer\Hotline-Setup-<version>.exe
;
; Install: for all users into Program Files (needs administrator rights), or — chosen in the
; first dialog, or with /CURRENTUSER — for the current user only into
; %LOCALAPPDATA%\Programs\Hotline. Start-menu shortcut "Hotline" (no console window behind
; it: hotlinew.exe), optional desktop shortcut, uninstaller in Settings › Apps.
; The data (%LOCALAPPDATA%\Hotline: the encrypted database, settings, backups) is never
; removed by uninstalling or upgrading.
;
; Languages: Vietnamese and English (Vietnamese on a Vietnamese Windows, English on an English
; one, a choice otherwise). Inno Setup ships Vietnamese only among its unofficial
; translations, so Vietnamese.isl is kept beside this script (from Inno Setup's source
; repository, Files/Languages/Unofficial, with its translator's header; written for Inno
; Setup 6.5, hence the version check below).
;
; AppVersion: the default below must equal the version in pyproject.toml
; (tests/test_installer.py checks it); /DAppVersion=… on the command line overrides it.

#if VER < EncodeVer(6,5,0)
  #error Inno Setup 6.5 or newer is needed (Vietnamese.isl is written for 6.5)
#endif

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Hotline"
#define Root AddBackslash(SourcePath) + "..\.."
#define Bundle Root + "\dist\hotline"

#if !FileExists(Bundle + "\hotlinew.exe") || !FileExists(Bundle + "\hotline.exe")
  #error dist\hotline\ has no hotline.exe/hotlinew.exe: build it first with pyinstaller packaging\hotline.spec
#endif

#define VietnameseIsl AddBackslash(SourcePath) + "Vietnamese.isl"
#if !FileExists(VietnameseIsl)
  #error packaging\windows\Vietnamese.isl is missing (it belongs to the repository)
#endif

[Setup]
; AppId identifies Hotline for upgrades and the uninstaller: never change it.
AppId={{8E1B7C52-3F4A-4C1E-9B7D-2A6F0C5D9E41}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Hotline
AppComments=Call log, legal library and support directory for a social work center's hotline
DefaultDirName={autopf}\Hotline
DefaultGroupName=Hotline
DisableProgramGroupPage=yes
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
CloseApplications=yes
OutputDir={#Root}\dist\installer
OutputBaseFilename=Hotline-Setup-{#AppVersion}
SetupIconFile={#Root}\resources\icons\hotline.ico
UninstallDisplayIcon={app}\hotlinew.exe
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto

[Languages]
; The first is the default where Windows is in neither language.
Name: "vietnamese"; MessagesFile: "{#VietnameseIsl}"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
english.AppComment=Log hotline calls, look up the law and refer callers to support services
vietnamese.AppComment=Ghi cuộc gọi, tra cứu pháp luật và kết nối người gọi với dịch vụ hỗ trợ

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the program files whole, so no file of an older version lingers.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Hotline"; Filename: "{app}\hotlinew.exe"; WorkingDir: "{app}"; Comment: "{cm:AppComment}"
Name: "{autodesktop}\Hotline"; Filename: "{app}\hotlinew.exe"; WorkingDir: "{app}"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Run]
Filename: "{app}\hotlinew.exe"; Description: "{cm:LaunchProgram,Hotline}"; Flags: postinstall skipifsilent nowait
