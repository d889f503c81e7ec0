<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi">
<context>
    <name>AdminPage</name>
    <message>
        <source>Tài khoản quản trị</source>
        <translation>Administrator account</translation>
    </message>
    <message>
        <source>Người quản trị tạo tài khoản cho điện thoại viên và lãnh đạo trung tâm. Mật khẩu ít nhất %1 ký tự.</source>
        <translation>The administrator creates the accounts of operators and the center&apos;s heads. Passwords have at least %1 characters.</translation>
    </message>
    <message>
        <source>Tên đăng nhập của quản trị viên</source>
        <translation>Administrator&apos;s username</translation>
    </message>
    <message>
        <source>Họ tên quản trị viên</source>
        <translation>Administrator&apos;s full name</translation>
    </message>
    <message>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Nhập lại mật khẩu</source>
        <translation>Repeat the password</translation>
    </message>
    <message>
        <source>&amp;Tên đăng nhập</source>
        <translation>&amp;Username</translation>
    </message>
    <message>
        <source>&amp;Họ tên</source>
        <translation>&amp;Full name</translation>
    </message>
    <message>
        <source>&amp;Mật khẩu</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <source>&amp;Nhập lại mật khẩu</source>
        <translation>&amp;Repeat password</translation>
    </message>
    <message>
        <source>Nhập tên đăng nhập.</source>
        <translation>Enter a username.</translation>
    </message>
    <message>
        <source>Mật khẩu phải có ít nhất %1 ký tự.</source>
        <translation>The password must have at least %1 characters.</translation>
    </message>
    <message>
        <source>Hai lần nhập mật khẩu không khớp.</source>
        <translation>The two passwords do not match.</translation>
    </message>
    <message>
        <source>Quản trị</source>
        <translation>Administration</translation>
    </message>
    <message>
        <source>Tài khoản</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>Nhật ký truy cập</source>
        <translation>Access log</translation>
    </message>
    <message>
        <source>Sao lưu</source>
        <translation>Backups</translation>
    </message>
    <message>
        <source>Xuất dữ liệu cuộc gọi</source>
        <translation>Export call data</translation>
    </message>
    <message>
        <source>Khóa mã hóa</source>
        <translation>Encryption key</translation>
    </message>
    <message>
        <source>Thời hạn lưu trữ</source>
        <translation>Retention period</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>Thời điểm</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Người</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>Việc</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Đối tượng</source>
        <translation>Who is eligible</translation>
    </message>
    <message>
        <source>Trường</source>
        <translation>Fields</translation>
    </message>
    <message>
        <source>Ghi chú</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <source>Lọc theo người</source>
        <translation>Filter by person</translation>
    </message>
    <message>
        <source>Lọc theo việc</source>
        <translation>Filter by action</translation>
    </message>
    <message>
        <source>Mọi việc</source>
        <translation>All actions</translation>
    </message>
    <message>
        <source>Đăng nhập (cả sai)</source>
        <translation>Logins (including failed)</translation>
    </message>
    <message>
        <source>Đăng nhập sai</source>
        <translation>Failed login</translation>
    </message>
    <message>
        <source>Khóa/mở khóa</source>
        <translation>Lock/unlock</translation>
    </message>
    <message>
        <source>Đăng xuất</source>
        <translation>Log out</translation>
    </message>
    <message>
        <source>Đăng nhập</source>
        <translation>Login</translation>
    </message>
    <message>
        <source>Khóa màn hình</source>
        <translation>Lock the screen</translation>
    </message>
    <message>
        <source>Mở khóa màn hình</source>
        <translation>Unlock the screen</translation>
    </message>
    <message>
        <source>Nhập lại mật khẩu</source>
        <translation>Repeat the password</translation>
    </message>
    <message>
        <source>Mở chi tiết cuộc gọi</source>
        <translation>Open a call&apos;s details</translation>
    </message>
    <message>
        <source>Nhập cuộc gọi</source>
        <translation>Import calls</translation>
    </message>
    <message>
        <source>Xuất cuộc gọi (không dữ liệu cá nhân)</source>
        <translation>Export calls (no personal data)</translation>
    </message>
    <message>
        <source>Xuất cuộc gọi CÓ dữ liệu cá nhân</source>
        <translation>Export calls WITH personal data</translation>
    </message>
    <message>
        <source>Lập báo cáo</source>
        <translation>Make a report</translation>
    </message>
    <message>
        <source>Đồng bộ báo cáo</source>
        <translation>Sync reports</translation>
    </message>
    <message>
        <source>Đổi cài đặt</source>
        <translation>Change settings</translation>
    </message>
    <message>
        <source>Tạo tài khoản</source>
        <translation>Create an account</translation>
    </message>
    <message>
        <source>Đổi/đặt lại mật khẩu</source>
        <translation>Change/reset a password</translation>
    </message>
    <message>
        <source>Đổi vai trò</source>
        <translation>Change a role</translation>
    </message>
    <message>
        <source>Mở khóa tài khoản</source>
        <translation>Unlock an account</translation>
    </message>
    <message>
        <source>Khóa tài khoản</source>
        <translation>Lock an account</translation>
    </message>
    <message>
        <source>Sao lưu</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>Kiểm tra bản sao lưu</source>
        <translation>Verify a backup</translation>
    </message>
    <message>
        <source>Khôi phục từ bản sao lưu</source>
        <translation>Restore from a backup</translation>
    </message>
    <message>
        <source>Yêu cầu khôi phục khi mở lại</source>
        <translation>Ask for a restore at the next start</translation>
    </message>
    <message>
        <source>Hủy yêu cầu khôi phục</source>
        <translation>Cancel a restore request</translation>
    </message>
    <message>
        <source>Khôi phục thất bại</source>
        <translation>Restore failed</translation>
    </message>
    <message>
        <source>Xem khóa khôi phục</source>
        <translation>View the recovery key</translation>
    </message>
    <message>
        <source>Đổi khóa mã hóa</source>
        <translation>Change the encryption key</translation>
    </message>
    <message>
        <source>Mở dữ liệu bằng khóa khôi phục</source>
        <translation>Open the data with the recovery key</translation>
    </message>
    <message>
        <source>Xóa thông tin định danh cuộc gọi cũ</source>
        <translation>Remove identifying data from old calls</translation>
    </message>
    <message>
        <source>Xóa nhật ký cũ</source>
        <translation>Purge old log entries</translation>
    </message>
    <message>
        <source>Điểm nối nhật ký</source>
        <translation>Log checkpoint</translation>
    </message>
    <message>
        <source>Nhập danh bạ</source>
        <translation>Import directory</translation>
    </message>
    <message>
        <source>Xuất danh bạ</source>
        <translation>Export directory</translation>
    </message>
    <message>
        <source>Sửa danh bạ</source>
        <translation>Edit the directory</translation>
    </message>
    <message>
        <source>Nhập văn bản</source>
        <translation>Import documents</translation>
    </message>
    <message>
        <source>Sửa văn bản</source>
        <translation>Edit documents</translation>
    </message>
    <message>
        <source>Gỡ văn bản</source>
        <translation>Remove documents</translation>
    </message>
    <message>
        <source>Mở cuộc gọi</source>
        <translation>Open call</translation>
    </message>
    <message>
        <source>Nhập/xuất cuộc gọi</source>
        <translation>Call import/export</translation>
    </message>
    <message>
        <source>Báo cáo</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>Đồng bộ</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Tài khoản</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>Sao lưu, khôi phục</source>
        <translation>Backup, restore</translation>
    </message>
    <message>
        <source>Khóa mã hóa</source>
        <translation>Encryption key</translation>
    </message>
    <message>
        <source>Xóa định danh</source>
        <translation>De-identification</translation>
    </message>
    <message>
        <source>Danh bạ</source>
        <translation>Directory</translation>
    </message>
    <message>
        <source>Thư viện pháp luật</source>
        <translation>Legal library</translation>
    </message>
    <message>
        <source>Nhật ký</source>
        <translation>Log</translation>
    </message>
    <message>
        <source>Từ ngày</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Đến ngày</source>
        <translation>To</translation>
    </message>
    <message>
        <source>&amp;Người</source>
        <translation>&amp;Who</translation>
    </message>
    <message>
        <source>&amp;Việc</source>
        <translation>&amp;Action</translation>
    </message>
    <message>
        <source>Từ</source>
        <translation>From</translation>
    </message>
    <message>
        <source>đến</source>
        <translation>to</translation>
    </message>
    <message>
        <source>Nhật ký truy cập</source>
        <translation>Access log</translation>
    </message>
    <message>
        <source>&amp;Kiểm tra tính toàn vẹn</source>
        <translation>&amp;Verify integrity</translation>
    </message>
    <message>
        <source>Tính lại chuỗi băm của mọi mục: một mục bị sửa, xóa hay chèn thêm sẽ bị phát hiện</source>
        <translation>Recomputes the hash chain over every entry: an entry changed, deleted or inserted is detected</translation>
    </message>
    <message>
        <source>Mọi người</source>
        <translation>Everyone</translation>
    </message>
    <message>
        <source>hệ thống (tự động)</source>
        <translation>system (automatic)</translation>
    </message>
    <message>
        <source>Không được phép xem nhật ký: %1</source>
        <translation>Not allowed to view the log: %1</translation>
    </message>
    <message>
        <source>%1 mục (mới nhất trước)</source>
        <translation>Entries: %1 (newest first)</translation>
    </message>
    <message>
        <source>%1 mục mới nhất; thu hẹp bộ lọc để xem mục cũ hơn</source>
        <translation>The newest %1 entries; narrow the filter to see older ones</translation>
    </message>
    <message>
        <source>Đang kiểm tra chuỗi băm…</source>
        <translation>Checking the hash chain…</translation>
    </message>
    <message>
        <source>Toàn vẹn: %1 mục, chuỗi băm khớp từ đầu đến cuối.</source>
        <translation>Intact: %1 entries, the hash chain matches from start to end.</translation>
    </message>
    <message>
        <source>NHẬT KÝ ĐÃ BỊ THAY ĐỔI tại mục #%1: %2 (%3 mục trước đó khớp). Báo ngay cho lãnh đạo trung tâm; giữ nguyên máy và các bản sao lưu.</source>
        <translation>THE LOG HAS BEEN ALTERED at entry #%1: %2 (the %3 entries before it match). Tell the center&apos;s head at once; leave the computer and the backups as they are.</translation>
    </message>
    <message>
        <source>Không kiểm tra được: %1</source>
        <translation>Could not check: %1</translation>
    </message>
</context>
<context>
    <name>BackupTableModel</name>
    <message>
        <source>Thời điểm</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Dung lượng</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Tệp</source>
        <translation>File</translation>
    </message>
</context>
<context>
    <name>BackupView</name>
    <message>
        <source>Mở thư mục</source>
        <translation>Open the folder</translation>
    </message>
    <message>
        <source>Mỗi ngày Hotline tự sao lưu một lần (mã hóa như dữ liệu), kiểm tra bản sao lưu và giữ 7 bản theo ngày, 4 theo tuần, 12 theo tháng. Đổi thư mục sao lưu trong Cài đặt (Ctrl+,).</source>
        <translation>Hotline backs up once a day (encrypted like the data), verifies the backup and keeps 7 daily, 4 weekly and 12 monthly copies. Change the backup folder in Settings (Ctrl+,).</translation>
    </message>
    <message>
        <source>Các bản sao lưu</source>
        <translation>Backups</translation>
    </message>
    <message>
        <source>&amp;Sao lưu ngay</source>
        <translation>&amp;Back up now</translation>
    </message>
    <message>
        <source>&amp;Kiểm tra bản đã chọn</source>
        <translation>&amp;Verify the selected backup</translation>
    </message>
    <message>
        <source>&amp;Khôi phục bản đã chọn…</source>
        <translation>&amp;Restore the selected backup…</translation>
    </message>
    <message>
        <source>Tiến độ sao lưu</source>
        <translation>Backup progress</translation>
    </message>
    <message>
        <source>Khôi phục</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>Khôi phục khi &amp;mở lại Hotline</source>
        <translation>Restore when Hotline re&amp;opens</translation>
    </message>
    <message>
        <source>&amp;Hủy yêu cầu khôi phục</source>
        <translation>&amp;Cancel the restore request</translation>
    </message>
    <message>
        <source>Thư mục sao lưu: %1</source>
        <translation>Backup folder: %1</translation>
    </message>
    <message>
        <source>Không đọc được thư mục sao lưu: %1</source>
        <translation>The backup folder could not be read: %1</translation>
    </message>
    <message>
        <source>Đã sao lưu và kiểm tra: %1</source>
        <translation>Backed up and verified: %1</translation>
    </message>
    <message>
        <source>Sao lưu thất bại: %1</source>
        <translation>Backup failed: %1</translation>
    </message>
    <message>
        <source>Chọn một bản sao lưu trong danh sách.</source>
        <translation>Choose a backup from the list.</translation>
    </message>
    <message>
        <source>Đang kiểm tra %1…</source>
        <translation>Verifying %1…</translation>
    </message>
    <message>
        <source>Bản sao lưu %1 KHÔNG dùng được: %2</source>
        <translation>The backup %1 can NOT be used: %2</translation>
    </message>
    <message>
        <source>Bản sao lưu %1 toàn vẹn và mở được bằng khóa hiện tại.</source>
        <translation>The backup %1 is intact and opens with the current key.</translation>
    </message>
    <message>
        <source>Khôi phục thay toàn bộ dữ liệu hiện tại bằng bản sao lưu %1 (lúc %2): các cuộc gọi ghi sau thời điểm đó sẽ không còn trong dữ liệu (dữ liệu hiện tại được giữ lại bên cạnh). Hotline phải đóng trong lúc khôi phục.

Cách 1: bấm &quot;Khôi phục khi mở lại Hotline&quot;, rồi đóng và mở lại Hotline. Bản sao lưu được kiểm tra trước khi thay.
Cách 2 (khi Hotline không mở được): đóng Hotline rồi chạy lệnh
    hotline backup restore &quot;%3&quot;
(trên máy khác: thêm --recovery-key KHÓA-KHÔI-PHỤC).</source>
        <translation>A restore replaces all current data with the backup %1 (taken at %2): calls logged after that time will no longer be in the data (the current data is kept alongside). Hotline must be closed while it restores.

Way 1: press &quot;Restore when Hotline reopens&quot;, then close and reopen Hotline. The backup is verified before it replaces anything.
Way 2 (when Hotline does not open): close Hotline and run
    hotline backup restore &quot;%3&quot;
(on another computer: add --recovery-key RECOVERY-KEY).</translation>
    </message>
    <message>
        <source>Không thể khôi phục: %1</source>
        <translation>Cannot restore: %1</translation>
    </message>
    <message>
        <source>Đã hẹn khôi phục từ %1 khi Hotline mở lại. Đóng Hotline (các cuộc gọi đang ghi được giữ làm bản nháp) rồi mở lại để khôi phục.</source>
        <translation>A restore from %1 is set for when Hotline reopens. Close Hotline (calls being logged are kept as drafts) and open it again to restore.</translation>
    </message>
    <message>
        <source>Đã hủy yêu cầu khôi phục.</source>
        <translation>Restore request cancelled.</translation>
    </message>
</context>
<context>
    <name>CallExportView</name>
    <message>
        <source>Từ ngày</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Đến ngày</source>
        <translation>To</translation>
    </message>
    <message>
        <source>&amp;Từ ngày</source>
        <translation>&amp;From</translation>
    </message>
    <message>
        <source>Đế&amp;n ngày</source>
        <translation>&amp;To</translation>
    </message>
    <message>
        <source>Kèm &amp;dữ liệu cá nhân (tên, số điện thoại, nội dung)</source>
        <translation>Include &amp;personal data (names, phone numbers, content)</translation>
    </message>
    <message>
        <source>Kèm dữ liệu cá nhân</source>
        <translation>Include personal data</translation>
    </message>
    <message>
        <source>Không kèm dữ liệu cá nhân: tên và nội dung để trống, số điện thoại thay bằng mã băm (vẫn đếm được người gọi lại). Tệp có dữ liệu cá nhân KHÔNG được mã hóa: chỉ lưu trên máy của trung tâm và xóa khi xong việc.</source>
        <translation>Without personal data, names and content are left empty and phone numbers become a hash (repeat callers can still be counted). A file with personal data is NOT encrypted: keep it only on the center&apos;s computers and delete it when done.</translation>
    </message>
    <message>
        <source>Tệp CSV sẽ ghi</source>
        <translation>CSV file to write</translation>
    </message>
    <message>
        <source>Chọn…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Tệ&amp;p</source>
        <translation>F&amp;ile</translation>
    </message>
    <message>
        <source>&amp;Xuất</source>
        <translation>&amp;Export</translation>
    </message>
    <message>
        <source>Lưu tệp CSV</source>
        <translation>Save the CSV file</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Chọn tệp để ghi.</source>
        <translation>Choose a file to write.</translation>
    </message>
    <message>
        <source>Đã xuất %1 cuộc gọi vào %2.</source>
        <translation>Exported to %2 (calls: %1).</translation>
    </message>
    <message>
        <source>Không xuất được: %1</source>
        <translation>Could not export: %1</translation>
    </message>
</context>
<context>
    <name>CallForm</name>
    <message>
        <source>Thời gian cuộc gọi</source>
        <translation>Call time</translation>
    </message>
    <message>
        <source>Cuộc gọi mới</source>
        <translation>New call</translation>
    </message>
    <message>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Bỏ</source>
        <translation>Discard</translation>
    </message>
    <message>
        <source>Lịch sử sửa</source>
        <translation>Edit history</translation>
    </message>
    <message>
        <source>Không tư vấn (lưu ngay):</source>
        <translation>No counselling (saved at once):</translation>
    </message>
    <message>
        <source>Lưu ngay cuộc gọi không tư vấn: %1</source>
        <translation>Save a no-counselling call now: %1</translation>
    </message>
    <message>
        <source>Người gọi</source>
        <translation>Caller</translation>
    </message>
    <message>
        <source>để trống nếu ẩn số</source>
        <translation>leave empty if the number is withheld</translation>
    </message>
    <message>
        <source>không bắt buộc — có thể ẩn danh</source>
        <translation>optional — callers may stay anonymous</translation>
    </message>
    <message>
        <source>— chưa rõ —</source>
        <translation>— not known —</translation>
    </message>
    <message>
        <source>&amp;Số điện thoại</source>
        <translation>&amp;Phone number</translation>
    </message>
    <message>
        <source>Số điện thoại</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <source>Kênh</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Tên, bí danh</source>
        <translation>Name or alias</translation>
    </message>
    <message>
        <source>&amp;Quan hệ</source>
        <translation>&amp;Relation</translation>
    </message>
    <message>
        <source>&amp;Giới tính</source>
        <translation>&amp;Sex</translation>
    </message>
    <message>
        <source>Nhóm &amp;tuổi</source>
        <translation>&amp;Age group</translation>
    </message>
    <message>
        <source>Nơi ở của người được hỗ trợ</source>
        <translation>Where the person concerned lives</translation>
    </message>
    <message>
        <source>gõ tên tỉnh, có dấu hay không</source>
        <translation>type the province, with or without accents</translation>
    </message>
    <message>
        <source>gõ tên xã/phường</source>
        <translation>type the commune or ward</translation>
    </message>
    <message>
        <source>Tỉnh/thành &amp;phố</source>
        <translation>Pro&amp;vince/city</translation>
    </message>
    <message>
        <source>&amp;Xã/phường</source>
        <translation>&amp;Ward/commune</translation>
    </message>
    <message>
        <source>Người bị ảnh hưởng (khi người gọi không phải là họ)</source>
        <translation>Person affected (when the caller is someone else)</translation>
    </message>
    <message>
        <source>— không ghi —</source>
        <translation>— not recorded —</translation>
    </message>
    <message>
        <source>Giới tính</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>Nhóm tuổi</source>
        <translation>Age group</translation>
    </message>
    <message>
        <source>Người gọi là người bị ảnh hưởng: dùng giới tính, tuổi của người gọi.</source>
        <translation>The caller is the person affected: the caller&apos;s sex and age are used.</translation>
    </message>
    <message>
        <source>Nhóm dễ bị tổn thương</source>
        <translation>Vulnerable groups</translation>
    </message>
    <message>
        <source>Vấn đề và mức hỗ trợ</source>
        <translation>Issue and level of support</translation>
    </message>
    <message>
        <source>gõ để lọc (vd: the chat, tre em), Enter để chọn</source>
        <translation>type to filter (e.g. physical, child), Enter to choose</translation>
    </message>
    <message>
        <source>Danh sách vấn đề</source>
        <translation>List of issues</translation>
    </message>
    <message>
        <source>&amp;Vấn đề</source>
        <translation>&amp;Issues</translation>
    </message>
    <message>
        <source>Vấn đề</source>
        <translation>Issues</translation>
    </message>
    <message>
        <source>Lọc vấn đề</source>
        <translation>Filter issues</translation>
    </message>
    <message>
        <source>&amp;Mức hỗ trợ</source>
        <translation>&amp;Level of support</translation>
    </message>
    <message>
        <source>Mức &amp;khẩn cấp</source>
        <translation>&amp;Urgency</translation>
    </message>
    <message>
        <source>Nội dung</source>
        <translation>Call content</translation>
    </message>
    <message>
        <source>Người gọi nói gì, điều gì đang xảy ra</source>
        <translation>What the caller says, what is happening</translation>
    </message>
    <message>
        <source>Đã tư vấn gì, kết nối với ai, việc tiếp theo</source>
        <translation>Advice given, who they were connected with, next steps</translation>
    </message>
    <message>
        <source>Tóm tắt</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>Kết q&amp;uả</source>
        <translation>&amp;Outcome</translation>
    </message>
    <message>
        <source>Sau cuộc gọi</source>
        <translation>After the call</translation>
    </message>
    <message>
        <source>— chưa hỏi —</source>
        <translation>— not asked —</translation>
    </message>
    <message>
        <source>An toàn, được gọi lại</source>
        <translation>Safe, may be called back</translation>
    </message>
    <message>
        <source>KHÔNG an toàn, không gọi lại</source>
        <translation>NOT safe, do not call back</translation>
    </message>
    <message>
        <source>vd: chỉ gọi sau 18 giờ, khi chồng đi làm</source>
        <translation>e.g. only call after 6 pm, when her husband is at work</translation>
    </message>
    <message>
        <source>Gọi lại</source>
        <translation>Call back</translation>
    </message>
    <message>
        <source>Khi nào</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Đồng ý chia sẻ thông tin với dịch vụ hỗ trợ</source>
        <translation>Agrees to share information with support services</translation>
    </message>
    <message>
        <source>Hẹn</source>
        <translation>Schedule</translation>
    </message>
    <message>
        <source>Có hẹn theo dõi</source>
        <translation>Follow-up scheduled</translation>
    </message>
    <message>
        <source>Thời gian theo dõi</source>
        <translation>Follow-up time</translation>
    </message>
    <message>
        <source>Theo &amp;dõi</source>
        <translation>&amp;Follow-up</translation>
    </message>
    <message>
        <source>Mở hồ sơ mới</source>
        <translation>Open a new case</translation>
    </message>
    <message>
        <source>Bỏ liên kết</source>
        <translation>Unlink</translation>
    </message>
    <message>
        <source>Hồ sơ</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>Chuyển tuyến và văn bản đã dẫn</source>
        <translation>Referrals and documents cited</translation>
    </message>
    <message>
        <source>Trạng thái chuyển tuyến đang chọn</source>
        <translation>Status of the selected referral</translation>
    </message>
    <message>
        <source>Bỏ chuyển tuyến</source>
        <translation>Remove referral</translation>
    </message>
    <message>
        <source>Chuyển tuyến</source>
        <translation>Referrals</translation>
    </message>
    <message>
        <source>Các nơi đã chuyển tuyến</source>
        <translation>Services referred to</translation>
    </message>
    <message>
        <source>Bỏ văn bản</source>
        <translation>Remove document</translation>
    </message>
    <message>
        <source>Văn bản đã dẫn</source>
        <translation>Documents cited</translation>
    </message>
    <message>
        <source>Điều luật đã dẫn cho người gọi</source>
        <translation>Articles of law cited to the caller</translation>
    </message>
    <message>
        <source>Thêm từ khung tra cứu văn bản, danh bạ bên cạnh.</source>
        <translation>Add them from the law and directory panels alongside.</translation>
    </message>
    <message>
        <source>Bỏ cuộc gọi đang ghi (hỏi lại trước khi bỏ)</source>
        <translation>Discard the call being logged (asks first)</translation>
    </message>
    <message>
        <source>Cuộc gọi mới: bắt đầu tính giờ</source>
        <translation>New call: starts the timer</translation>
    </message>
    <message>
        <source>Lưu cuộc gọi</source>
        <translation>Save the call</translation>
    </message>
    <message>
        <source>Sẵn sàng — nhấn Ctrl+N khi có cuộc gọi</source>
        <translation>Ready — press Ctrl+N when a call comes in</translation>
    </message>
    <message>
        <source>Sửa cuộc gọi #%1 (phiên bản %2)</source>
        <translation>Editing call #%1 (version %2)</translation>
    </message>
    <message>
        <source>Cuộc gọi mới · %1</source>
        <translation>New call · %1</translation>
    </message>
    <message>
        <source>Đã mở lại cuộc gọi chưa lưu. Kiểm tra rồi nhấn Ctrl+S để lưu.</source>
        <translation>Unsaved call reopened. Check it, then press Ctrl+S to save.</translation>
    </message>
    <message>
        <source>Chưa lưu được bản nháp (%1); sẽ thử lại. Nội dung vẫn còn trên màn hình.</source>
        <translation>The draft could not be saved (%1); trying again. Everything is still on screen.</translation>
    </message>
    <message numerus="yes">
        <source>Có %n cuộc gọi chưa lưu (có thể do máy tắt đột ngột):</source>
        <translation>
            <numerusform>%n unsaved call (the computer may have shut down suddenly):</numerusform>
            <numerusform>%n unsaved calls (the computer may have shut down suddenly):</numerusform>
        </translation>
    </message>
    <message>
        <source>Tiếp tục ghi</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>Tiếp tục ghi cuộc gọi: %1</source>
        <translation>Resume logging the call: %1</translation>
    </message>
    <message>
        <source>Xoá</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Xoá cuộc gọi chưa lưu: %1</source>
        <translation>Delete the unsaved call: %1</translation>
    </message>
    <message>
        <source>sửa cuộc gọi #%1</source>
        <translation>editing call #%1</translation>
    </message>
    <message>
        <source>ẩn số</source>
        <translation>number withheld</translation>
    </message>
    <message>
        <source>Bấm lần nữa để xoá</source>
        <translation>Press again to delete</translation>
    </message>
    <message>
        <source>Chưa có cuộc gọi nào để lưu. Nhấn Ctrl+N để bắt đầu.</source>
        <translation>There is no call to save. Press Ctrl+N to start one.</translation>
    </message>
    <message>
        <source>Đã lưu cuộc gọi #%1 (phiên bản %2).</source>
        <translation>Call #%1 saved (version %2).</translation>
    </message>
    <message>
        <source>Đã lưu cuộc gọi #%1 lúc %2, thời lượng %3.</source>
        <translation>Call #%1 saved at %2, duration %3.</translation>
    </message>
    <message>
        <source>Hồ sơ %1.</source>
        <translation>Case %1.</translation>
    </message>
    <message numerus="yes">
        <source>Chưa lưu: %n chỗ cần sửa (chữ đỏ bên dưới ô).</source>
        <translation>
            <numerusform>Not saved: %n field needs correcting (in red below it).</numerusform>
            <numerusform>Not saved: %n fields need correcting (in red below each).</numerusform>
        </translation>
    </message>
    <message>
        <source>Đang sửa một cuộc gọi đã lưu: dùng ô Vấn đề.</source>
        <translation>This is a saved call being edited: use the Issues field.</translation>
    </message>
    <message>
        <source>Bỏ các thay đổi chưa lưu của cuộc gọi #%1?</source>
        <translation>Discard the unsaved changes to call #%1?</translation>
    </message>
    <message>
        <source>Bỏ cuộc gọi đang ghi? Nội dung chưa lưu sẽ bị xoá.</source>
        <translation>Discard the call being logged? What has not been saved will be deleted.</translation>
    </message>
    <message>
        <source>Bỏ cuộc gọi</source>
        <translation>Discard call</translation>
    </message>
    <message>
        <source>Tiếp tục ghi (Esc)</source>
        <translation>Keep logging (Esc)</translation>
    </message>
    <message>
        <source>Đã bỏ cuộc gọi.</source>
        <translation>Call discarded.</translation>
    </message>
    <message>
        <source>Đã thêm văn bản: %1</source>
        <translation>Document added: %1</translation>
    </message>
    <message>
        <source>Đã thêm chuyển tuyến: %1</source>
        <translation>Referral added: %1</translation>
    </message>
    <message>
        <source>số đã được ẩn danh</source>
        <translation>the number has been anonymised</translation>
    </message>
    <message>
        <source>ẩn số (không hiện số gọi đến)</source>
        <translation>withheld (no caller ID)</translation>
    </message>
    <message>
        <source>di động</source>
        <translation>mobile</translation>
    </message>
    <message>
        <source>cố định</source>
        <translation>landline</translation>
    </message>
    <message>
        <source>miễn phí</source>
        <translation>toll-free</translation>
    </message>
    <message>
        <source>số ngắn</source>
        <translation>short number</translation>
    </message>
    <message>
        <source>số cũ %1 đã đổi thành số mới</source>
        <translation>old number %1, changed to the new format</translation>
    </message>
    <message>
        <source>Đã cùng hồ sơ %1</source>
        <translation>Already in case %1</translation>
    </message>
    <message>
        <source>Cùng hồ sơ %1</source>
        <translation>Add to case %1</translation>
    </message>
    <message numerus="yes">
        <source>Mở hồ sơ chung với %n lần gọi trước</source>
        <translation>
            <numerusform>Open a case with the %n earlier call</numerusform>
            <numerusform>Open a case with the %n earlier calls</numerusform>
        </translation>
    </message>
    <message>
        <source>Thuộc hồ sơ %1</source>
        <translation>In case %1</translation>
    </message>
    <message numerus="yes">
        <source>Hồ sơ mới chung với %n cuộc gọi trước (cấp số khi lưu)</source>
        <translation>
            <numerusform>New case with %n earlier call (numbered when saved)</numerusform>
            <numerusform>New case with %n earlier calls (numbered when saved)</numerusform>
        </translation>
    </message>
    <message>
        <source>Hồ sơ mới (cấp số khi lưu)</source>
        <translation>New case (numbered when saved)</translation>
    </message>
    <message>
        <source>Chưa thuộc hồ sơ nào</source>
        <translation>Not in a case</translation>
    </message>
    <message>
        <source>Không có tỉnh/thành này trong 34 tỉnh, thành phố; chọn trong danh sách.</source>
        <translation>This is not one of the 34 provinces and cities; choose from the list.</translation>
    </message>
    <message>
        <source>Không tìm thấy xã/phường này; chọn trong danh sách.</source>
        <translation>This commune or ward was not found; choose from the list.</translation>
    </message>
    <message>
        <source>KHẨN CẤP — Công an 113 · Cấp cứu 115 · Bảo vệ trẻ em 111 · Cứu hỏa 114</source>
        <translation>EMERGENCY — Police 113 · Ambulance 115 · Child protection 111 · Fire 114</translation>
    </message>
    <message>
        <source>Trẻ em: phải có biện pháp can thiệp trong vòng 12 giờ (NĐ 56/2017, Điều 26).</source>
        <translation>Child: protective action must be taken within 12 hours (Decree 56/2017, Article 26).</translation>
    </message>
    <message>
        <source>Đã hẹn theo dõi trong vòng %1 giờ.</source>
        <translation>Follow-up scheduled within %1 hours.</translation>
    </message>
    <message>
        <source>Thời gian theo dõi đã ở trong quá khứ.</source>
        <translation>The follow-up time is in the past.</translation>
    </message>
</context>
<context>
    <name>CallHistory</name>
    <message>
        <source>Thời gian nhận</source>
        <translation>Received at</translation>
    </message>
    <message>
        <source>Thời lượng (giây)</source>
        <translation>Duration (seconds)</translation>
    </message>
    <message>
        <source>Kênh</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Số điện thoại</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <source>Tên người gọi</source>
        <translation>Caller&apos;s name</translation>
    </message>
    <message>
        <source>Giới tính người gọi</source>
        <translation>Caller&apos;s sex</translation>
    </message>
    <message>
        <source>Nhóm tuổi người gọi</source>
        <translation>Caller&apos;s age group</translation>
    </message>
    <message>
        <source>Quan hệ</source>
        <translation>Relation</translation>
    </message>
    <message>
        <source>Tỉnh/thành phố</source>
        <translation>Province/city</translation>
    </message>
    <message>
        <source>Xã/phường</source>
        <translation>Ward/commune</translation>
    </message>
    <message>
        <source>Giới tính người bị ảnh hưởng</source>
        <translation>Sex of the person affected</translation>
    </message>
    <message>
        <source>Nhóm tuổi người bị ảnh hưởng</source>
        <translation>Age group of the person affected</translation>
    </message>
    <message>
        <source>Nhóm dễ bị tổn thương</source>
        <translation>Vulnerable groups</translation>
    </message>
    <message>
        <source>Vấn đề</source>
        <translation>Issues</translation>
    </message>
    <message>
        <source>Mức hỗ trợ</source>
        <translation>Level of support</translation>
    </message>
    <message>
        <source>Mức khẩn cấp</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>Tóm tắt</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>Kết quả, hướng xử lý</source>
        <translation>Outcome and next steps</translation>
    </message>
    <message>
        <source>An toàn để gọi lại</source>
        <translation>Safe to call back</translation>
    </message>
    <message>
        <source>Khi nào có thể gọi lại</source>
        <translation>When a call back is possible</translation>
    </message>
    <message>
        <source>Đồng ý chia sẻ với dịch vụ</source>
        <translation>Agrees to share with services</translation>
    </message>
    <message>
        <source>Hẹn theo dõi</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>Hồ sơ</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>Chuyển tuyến</source>
        <translation>Referrals</translation>
    </message>
    <message>
        <source>Văn bản đã dẫn</source>
        <translation>Documents cited</translation>
    </message>
    <message>
        <source>Có</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>Không</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>CallListView</name>
    <message>
        <source>Danh sách cuộc gọi</source>
        <translation>Call list</translation>
    </message>
    <message>
        <source>Từ ngày</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Đến ngày</source>
        <translation>To</translation>
    </message>
    <message>
        <source>Hôm nay</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>7 ngày</source>
        <translation>7 days</translation>
    </message>
    <message>
        <source>30 ngày</source>
        <translation>30 days</translation>
    </message>
    <message>
        <source>Tất cả</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Khoảng ngày: %1</source>
        <translation>Date range: %1</translation>
    </message>
    <message>
        <source>Tìm trong tên, tóm tắt, kết quả (có dấu hay không)</source>
        <translation>Search names, summaries and outcomes (accents optional)</translation>
    </message>
    <message>
        <source>Tìm cuộc gọi</source>
        <translation>Search calls</translation>
    </message>
    <message>
        <source>Mọi vấn đề</source>
        <translation>All issues</translation>
    </message>
    <message>
        <source>Nhóm: %1</source>
        <translation>Group: %1</translation>
    </message>
    <message>
        <source>Lọc theo vấn đề</source>
        <translation>Filter by issue</translation>
    </message>
    <message>
        <source>Mọi mức hỗ trợ</source>
        <translation>All levels of support</translation>
    </message>
    <message>
        <source>Lọc theo mức hỗ trợ</source>
        <translation>Filter by level of support</translation>
    </message>
    <message>
        <source>Mọi mức khẩn cấp</source>
        <translation>All urgencies</translation>
    </message>
    <message>
        <source>Lọc theo mức khẩn cấp</source>
        <translation>Filter by urgency</translation>
    </message>
    <message>
        <source>Bảng cuộc gọi</source>
        <translation>Table of calls</translation>
    </message>
    <message>
        <source>Trạng thái danh sách</source>
        <translation>List status</translation>
    </message>
    <message>
        <source>Đang tải…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>%1 cuộc gọi</source>
        <translation>Calls: %1</translation>
    </message>
    <message>
        <source>đang hiện %1, cuộn xuống để xem thêm</source>
        <translation>showing %1, scroll down for more</translation>
    </message>
    <message>
        <source>Đang hiện %1 cuộc gọi, đang đếm…</source>
        <translation>Showing %1 calls, still counting…</translation>
    </message>
</context>
<context>
    <name>CallTableModel</name>
    <message>
        <source>Thời gian</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Thời lượng</source>
        <translation>Duration</translation>
    </message>
    <message>
        <source>Số điện thoại</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <source>Người gọi</source>
        <translation>Caller</translation>
    </message>
    <message>
        <source>Vấn đề</source>
        <translation>Issues</translation>
    </message>
    <message>
        <source>Mức hỗ trợ</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>Khẩn cấp</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>Hồ sơ</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>Tóm tắt</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>Quá nhiều cuộc gọi để sắp xếp theo cột này; hãy thu hẹp khoảng ngày hoặc lọc bớt (tối đa %1).</source>
        <translation>Too many calls to sort by this column; narrow the date range or add a filter (at most %1).</translation>
    </message>
    <message>
        <source>Không tải được danh sách cuộc gọi: %1</source>
        <translation>The call list could not be loaded: %1</translation>
    </message>
</context>
<context>
    <name>CategoryPicker</name>
    <message>
        <source>Đã chọn: %1</source>
        <translation>Chosen: %1</translation>
    </message>
    <message>
        <source>Chưa chọn vấn đề nào</source>
        <translation>No issue chosen</translation>
    </message>
</context>
<context>
    <name>CenterFields</name>
    <message>
        <source>Tên trung tâm</source>
        <translation>Center name</translation>
    </message>
    <message>
        <source>VD: TRUNG TÂM CÔNG TÁC XÃ HỘI TỈNH …</source>
        <translation>E.g. TRUNG TÂM CÔNG TÁC XÃ HỘI TỈNH …</translation>
    </message>
    <message>
        <source>Tên viết tắt trên số văn bản</source>
        <translation>Abbreviation in document numbers</translation>
    </message>
    <message>
        <source>VD: TTCTXH (Số: …/BC-TTCTXH)</source>
        <translation>E.g. TTCTXH (Số: …/BC-TTCTXH)</translation>
    </message>
    <message>
        <source>Cơ quan chủ quản</source>
        <translation>Parent body</translation>
    </message>
    <message>
        <source>VD: SỞ Y TẾ TỈNH …</source>
        <translation>E.g. SỞ Y TẾ TỈNH …</translation>
    </message>
    <message>
        <source>gõ tên tỉnh, có dấu hay không</source>
        <translation>type the province, with or without accents</translation>
    </message>
    <message>
        <source>Tỉnh/thành phố của trung tâm</source>
        <translation>The center&apos;s province or city</translation>
    </message>
    <message>
        <source>Địa danh ghi trên báo cáo</source>
        <translation>Place name printed on reports</translation>
    </message>
    <message>
        <source>&amp;Tên trung tâm *</source>
        <translation>Center &amp;name *</translation>
    </message>
    <message>
        <source>Cơ quan &amp;chủ quản</source>
        <translation>&amp;Parent body</translation>
    </message>
    <message>
        <source>Tên &amp;viết tắt</source>
        <translation>&amp;Abbreviation</translation>
    </message>
    <message>
        <source>Tỉnh/thành &amp;phố *</source>
        <translation>Pro&amp;vince/city *</translation>
    </message>
    <message>
        <source>Địa &amp;danh trên báo cáo</source>
        <translation>Place na&amp;me on reports</translation>
    </message>
    <message>
        <source>để trống: %1</source>
        <translation>leave empty: %1</translation>
    </message>
    <message>
        <source>VD: Hà Nội (dòng &quot;Hà Nội, ngày … tháng … năm …&quot;)</source>
        <translation>E.g. Hà Nội (the line &quot;Hà Nội, ngày … tháng … năm …&quot;)</translation>
    </message>
    <message>
        <source>Nhập tên trung tâm (in trên đầu báo cáo).</source>
        <translation>Enter the center&apos;s name (printed at the top of reports).</translation>
    </message>
    <message>
        <source>Chọn tỉnh/thành phố trong danh sách.</source>
        <translation>Choose the province or city from the list.</translation>
    </message>
    <message>
        <source>Chọn tỉnh/thành phố của trung tâm.</source>
        <translation>Choose the center&apos;s province or city.</translation>
    </message>
</context>
<context>
    <name>CenterPage</name>
    <message>
        <source>Trung tâm</source>
        <translation>Center</translation>
    </message>
    <message>
        <source>Thông tin in trên đầu các báo cáo gửi cơ quan cấp trên. Đổi được sau trong Cài đặt (Ctrl+,).</source>
        <translation>Printed at the top of the reports sent to the authorities. It can be changed later in Settings (Ctrl+,).</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Đổi mật khẩu — %1</source>
        <translation>Change password — %1</translation>
    </message>
    <message>
        <source>Mật khẩu hiện tại</source>
        <translation>Current password</translation>
    </message>
    <message>
        <source>Mật khẩu mới</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>Nhập lại mật khẩu mới</source>
        <translation>Repeat the new password</translation>
    </message>
    <message>
        <source>Mật khẩu &amp;hiện tại</source>
        <translation>&amp;Current password</translation>
    </message>
    <message>
        <source>Mật khẩu &amp;mới</source>
        <translation>&amp;New password</translation>
    </message>
    <message>
        <source>&amp;Nhập lại</source>
        <translation>&amp;Repeat</translation>
    </message>
    <message>
        <source>Đổi mật khẩu</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>Directory</name>
    <message>
        <source>Chưa rõ tỉnh</source>
        <translation>Province not known</translation>
    </message>
    <message>
        <source>Toàn quốc</source>
        <translation>Nationwide</translation>
    </message>
    <message>
        <source>Chưa rõ giờ</source>
        <translation>Hours not known</translation>
    </message>
    <message>
        <source>Đang làm việc</source>
        <translation>Open now</translation>
    </message>
    <message>
        <source>Ngoài giờ</source>
        <translation>Closed now</translation>
    </message>
    <message>
        <source>Chưa xác minh</source>
        <translation>Not verified</translation>
    </message>
    <message>
        <source>Cần xác minh lại (%1)</source>
        <translation>Needs verifying again (%1)</translation>
    </message>
    <message>
        <source>Tên</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Nhóm</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Nơi</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>Số điện thoại</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <source>Giờ làm việc</source>
        <translation>Opening hours</translation>
    </message>
    <message>
        <source>Xác minh</source>
        <translation>Verified</translation>
    </message>
    <message>
        <source>%1 (ngừng hoạt động)</source>
        <translation>%1 (inactive)</translation>
    </message>
</context>
<context>
    <name>DirectorySearchPanel</name>
    <message>
        <source>Tìm nơi hỗ trợ (Enter: giới thiệu)</source>
        <translation>Find a support service (Enter: refer)</translation>
    </message>
    <message>
        <source>Tìm nơi hỗ trợ để giới thiệu</source>
        <translation>Find a support service to refer to</translation>
    </message>
    <message>
        <source>Nhóm dịch vụ</source>
        <translation>Type of service</translation>
    </message>
    <message>
        <source>Mọi nhóm</source>
        <translation>All types</translation>
    </message>
    <message>
        <source>Đang làm việc</source>
        <translation>Open now</translation>
    </message>
    <message>
        <source>Chỉ nơi đang làm việc lúc này</source>
        <translation>Only services open now</translation>
    </message>
    <message>
        <source>Số khẩn cấp</source>
        <translation>Emergency numbers</translation>
    </message>
    <message>
        <source>KHẨN CẤP — gọi ngay</source>
        <translation>EMERGENCY — call now</translation>
    </message>
    <message>
        <source>Nơi hỗ trợ tìm được</source>
        <translation>Support services found</translation>
    </message>
    <message>
        <source>Giới thiệu cho người gọi (Enter)</source>
        <translation>Refer the caller (Enter)</translation>
    </message>
    <message>
        <source>Thêm chuyển tuyến vào cuộc gọi</source>
        <translation>Add a referral to the call</translation>
    </message>
    <message>
        <source>Giới thiệu</source>
        <translation>Refer</translation>
    </message>
    <message>
        <source>Giới thiệu %1</source>
        <translation>Refer to %1</translation>
    </message>
    <message>
        <source>Gần người gọi: %1</source>
        <translation>Near the caller: %1</translation>
    </message>
    <message>
        <source>Chưa biết nơi người gọi: chọn tỉnh/xã trong phiếu để xếp nơi gần trước.</source>
        <translation>The caller&apos;s location is not known: choose the province/commune in the form to list nearby services first.</translation>
    </message>
    <message>
        <source>Không tìm thấy nơi nào.</source>
        <translation>No service found.</translation>
    </message>
    <message>
        <source>cùng xã/phường</source>
        <translation>same commune</translation>
    </message>
    <message>
        <source>cùng tỉnh</source>
        <translation>same province</translation>
    </message>
    <message>
        <source>toàn quốc</source>
        <translation>nationwide</translation>
    </message>
    <message>
        <source>Chưa xác minh trong 12 tháng: gọi kiểm tra trước.</source>
        <translation>Not verified in the last 12 months: call to check first.</translation>
    </message>
    <message>
        <source>Đã sao chép %1</source>
        <translation>Copied %1</translation>
    </message>
    <message>
        <source>Đã giới thiệu: %1</source>
        <translation>Referred: %1</translation>
    </message>
</context>
<context>
    <name>DirectoryView</name>
    <message>
        <source>Tìm nơi hỗ trợ: tên, dịch vụ, ghi chú, số điện thoại (không dấu được)</source>
        <translation>Find support: name, service, notes, phone number (accents optional)</translation>
    </message>
    <message>
        <source>Tìm trong danh bạ</source>
        <translation>Search the directory</translation>
    </message>
    <message>
        <source>Lọc theo nhóm dịch vụ</source>
        <translation>Filter by type of service</translation>
    </message>
    <message>
        <source>Mọi nhóm</source>
        <translation>All types</translation>
    </message>
    <message>
        <source>Lọc theo tỉnh/thành phố</source>
        <translation>Filter by province or city</translation>
    </message>
    <message>
        <source>Mọi tỉnh/thành phố</source>
        <translation>All provinces and cities</translation>
    </message>
    <message>
        <source>Đang làm việc</source>
        <translation>Open now</translation>
    </message>
    <message>
        <source>Chỉ nơi đang làm việc lúc này</source>
        <translation>Only services open now</translation>
    </message>
    <message>
        <source>Kể cả ngừng hoạt động</source>
        <translation>Include inactive</translation>
    </message>
    <message>
        <source>Kể cả nơi đã ngừng hoạt động</source>
        <translation>Include services no longer active</translation>
    </message>
    <message>
        <source>Kết quả tìm trong danh bạ</source>
        <translation>Directory search results</translation>
    </message>
    <message>
        <source>Lỗi và cảnh báo khi nhập</source>
        <translation>Import errors and warnings</translation>
    </message>
    <message>
        <source>Thêm địa chỉ</source>
        <translation>Add a service</translation>
    </message>
    <message>
        <source>Nhập…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <source>Tệp CSV hoặc zip HSDS…</source>
        <translation>CSV file or HSDS zip…</translation>
    </message>
    <message>
        <source>Thư mục HSDS…</source>
        <translation>HSDS folder…</translation>
    </message>
    <message>
        <source>Xuất…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>CSV phẳng (Excel)…</source>
        <translation>Flat CSV (Excel)…</translation>
    </message>
    <message>
        <source>Open Referral HSDS (zip)…</source>
        <translation>Open Referral HSDS (zip)…</translation>
    </message>
    <message>
        <source>Tiến độ nhập/xuất</source>
        <translation>Import/export progress</translation>
    </message>
    <message>
        <source>Đã sao chép %1</source>
        <translation>Copied %1</translation>
    </message>
    <message>
        <source>Đến ô tìm trong danh bạ</source>
        <translation>Go to the directory search field</translation>
    </message>
    <message>
        <source>Danh bạ quốc gia đi kèm (phiên bản %1): cập nhật đến %2</source>
        <translation>Bundled national directory (version %1): up to date as of %2</translation>
    </message>
    <message>
        <source>%1 kết quả</source>
        <translation>Results: %1</translation>
    </message>
    <message>
        <source>tạo</source>
        <translation>created</translation>
    </message>
    <message>
        <source>sửa</source>
        <translation>edited</translation>
    </message>
    <message>
        <source>ngừng hoạt động</source>
        <translation>deactivated</translation>
    </message>
    <message>
        <source>hoạt động lại</source>
        <translation>reactivated</translation>
    </message>
    <message>
        <source>nhập</source>
        <translation>imported</translation>
    </message>
    <message>
        <source>cập nhật bản đi kèm</source>
        <translation>bundled update</translation>
    </message>
    <message>
        <source>Đã lưu: %1</source>
        <translation>Saved: %1</translation>
    </message>
    <message>
        <source>Đã ngừng hoạt động: %1 (vẫn lưu trong danh bạ và nhật ký)</source>
        <translation>Deactivated: %1 (still kept in the directory and the log)</translation>
    </message>
    <message>
        <source>Đã cho hoạt động lại: %1</source>
        <translation>Reactivated: %1</translation>
    </message>
    <message>
        <source>Đã ghi xác minh hôm nay: %1</source>
        <translation>Recorded as verified today: %1</translation>
    </message>
    <message>
        <source>Nhập danh bạ</source>
        <translation>Import directory</translation>
    </message>
    <message>
        <source>Danh bạ (*.csv *.txt *.xlsx *.zip)</source>
        <translation>Directory (*.csv *.txt *.xlsx *.zip)</translation>
    </message>
    <message>
        <source>Thư mục HSDS</source>
        <translation>HSDS folder</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Zip (*.zip)</source>
        <translation>Zip (*.zip)</translation>
    </message>
    <message>
        <source>Xuất danh bạ</source>
        <translation>Export directory</translation>
    </message>
    <message>
        <source>Đang nhập/xuất, hãy đợi xong.</source>
        <translation>An import or export is running; wait until it ends.</translation>
    </message>
    <message>
        <source>Đang nhập %1…</source>
        <translation>Importing %1…</translation>
    </message>
    <message>
        <source>Đã nhập %1: %2</source>
        <translation>Imported %1: %2</translation>
    </message>
    <message>
        <source>Trùng (bỏ qua): %1</source>
        <translation>Duplicate (skipped): %1</translation>
    </message>
    <message>
        <source>Cảnh báo: %1</source>
        <translation>Warning: %1</translation>
    </message>
    <message>
        <source>Không nhập mục nào từ %1: %2 lỗi (danh bạ không thay đổi).</source>
        <translation>Nothing imported from %1: errors: %2 (the directory is unchanged).</translation>
    </message>
    <message>
        <source>Không nhập được %1: %2</source>
        <translation>Could not import %1: %2</translation>
    </message>
    <message>
        <source>Đang xuất %1…</source>
        <translation>Exporting %1…</translation>
    </message>
    <message>
        <source>Đã xuất %1 mục vào %2</source>
        <translation>Exported to %2 (entries: %1)</translation>
    </message>
    <message>
        <source>Không xuất được %1: %2</source>
        <translation>Could not export %1: %2</translation>
    </message>
    <message>
        <source>… và %1 dòng khác</source>
        <translation>… and %1 more lines</translation>
    </message>
</context>
<context>
    <name>DisplayFields</name>
    <message>
        <source>Ngôn ngữ giao diện</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>mặc định của hệ thống</source>
        <translation>system default</translation>
    </message>
    <message>
        <source>Cỡ chữ</source>
        <translation>Font size</translation>
    </message>
    <message>
        <source>&amp;Ngôn ngữ</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>Ngôn ngữ mới áp dụng khi mở lại Hotline.</source>
        <translation>A new language takes effect when Hotline is restarted.</translation>
    </message>
    <message>
        <source>&amp;Cỡ chữ</source>
        <translation>&amp;Font size</translation>
    </message>
</context>
<context>
    <name>DocumentsModel</name>
    <message>
        <source>Số ký hiệu</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Tên văn bản</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Loại</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Tình trạng</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Số mục</source>
        <translation>Sections</translation>
    </message>
    <message>
        <source>Nguồn</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Đã nhập</source>
        <translation>Imported</translation>
    </message>
    <message>
        <source>Có sẵn</source>
        <translation>Bundled</translation>
    </message>
</context>
<context>
    <name>EntryDetail</name>
    <message>
        <source>Sửa</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>Đã xác minh hôm nay</source>
        <translation>Verified today</translation>
    </message>
    <message>
        <source>Ngừng hoạt động</source>
        <translation>Deactivate</translation>
    </message>
    <message>
        <source>Cho hoạt động lại</source>
        <translation>Reactivate</translation>
    </message>
    <message>
        <source>Chọn một địa chỉ để xem số điện thoại và chi tiết.</source>
        <translation>Choose a service to see its phone numbers and details.</translation>
    </message>
    <message>
        <source>NGỪNG HOẠT ĐỘNG</source>
        <translation>INACTIVE</translation>
    </message>
    <message>
        <source>Chưa được xác minh trong 12 tháng qua (lần cuối: %1). Hãy gọi kiểm tra trước khi giới thiệu.</source>
        <translation>Not verified in the last 12 months (last: %1). Call to check before referring.</translation>
    </message>
    <message>
        <source>chưa bao giờ</source>
        <translation>never</translation>
    </message>
    <message>
        <source>(chưa có số điện thoại)</source>
        <translation>(no phone number yet)</translation>
    </message>
    <message>
        <source>Tổ chức</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Giờ làm việc</source>
        <translation>Opening hours</translation>
    </message>
    <message>
        <source>Dịch vụ</source>
        <translation>Services</translation>
    </message>
    <message>
        <source>Đối tượng</source>
        <translation>Who is eligible</translation>
    </message>
    <message>
        <source>Ngôn ngữ</source>
        <translation>Languages</translation>
    </message>
    <message>
        <source>Ghi chú</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Xác minh</source>
        <translation>Verified</translation>
    </message>
    <message>
        <source>Nguồn</source>
        <translation>Source</translation>
    </message>
</context>
<context>
    <name>EntryForm</name>
    <message>
        <source>Tên *</source>
        <translation>Name *</translation>
    </message>
    <message>
        <source>Tổ chức</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Gõ để lọc nhóm, Enter để chọn</source>
        <translation>Type to filter the types, Enter to choose</translation>
    </message>
    <message>
        <source>Lọc nhóm dịch vụ</source>
        <translation>Filter the types of service</translation>
    </message>
    <message>
        <source>Các nhóm dịch vụ (dấu cách để chọn)</source>
        <translation>Types of service (Space to choose)</translation>
    </message>
    <message>
        <source>Nhóm dịch vụ *</source>
        <translation>Type of service *</translation>
    </message>
    <message>
        <source>Để trống: toàn quốc</source>
        <translation>Leave empty: nationwide</translation>
    </message>
    <message>
        <source>Tỉnh/thành phố</source>
        <translation>Province/city</translation>
    </message>
    <message>
        <source>Xã/phường</source>
        <translation>Ward/commune</translation>
    </message>
    <message>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Mỗi dòng một số, ví dụ:
Trực ban: 024 3825 1234
Zalo: 0912 345 678</source>
        <translation>One number per line, for example:
Duty desk: 024 3825 1234
Zalo: 0912 345 678</translation>
    </message>
    <message>
        <source>Số điện thoại</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <source>24/7 hoặc T2-T6 07:30-11:30,13:30-17:00; T7 07:30-11:30</source>
        <translation>24/7 or Mo-Fr 07:30-11:30,13:30-17:00; Sa 07:30-11:30</translation>
    </message>
    <message>
        <source>Giờ làm việc</source>
        <translation>Opening hours</translation>
    </message>
    <message>
        <source>Dịch vụ</source>
        <translation>Services</translation>
    </message>
    <message>
        <source>Đối tượng</source>
        <translation>Who is eligible</translation>
    </message>
    <message>
        <source>vi; en; Tiếng H&apos;Mông</source>
        <translation>vi; en; Hmong</translation>
    </message>
    <message>
        <source>Ngôn ngữ</source>
        <translation>Languages</translation>
    </message>
    <message>
        <source>Ghi chú</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>ngày/tháng/năm, VD: 05/03/2026</source>
        <translation>dd/mm/yyyy, e.g. 05/03/2026</translation>
    </message>
    <message>
        <source>Ngày xác minh</source>
        <translation>Verified on</translation>
    </message>
    <message>
        <source>Người xác minh</source>
        <translation>Verified by</translation>
    </message>
    <message>
        <source>Lưu (Ctrl+Enter)</source>
        <translation>Save (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Hủy (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <source>Lưu địa chỉ đang sửa</source>
        <translation>Save the service being edited</translation>
    </message>
    <message>
        <source>Hủy sửa địa chỉ</source>
        <translation>Cancel editing the service</translation>
    </message>
    <message>
        <source>Sửa địa chỉ</source>
        <translation>Edit service</translation>
    </message>
    <message>
        <source>Thêm địa chỉ</source>
        <translation>Add a service</translation>
    </message>
    <message>
        <source>Chọn ít nhất một nhóm dịch vụ</source>
        <translation>Choose at least one type of service</translation>
    </message>
    <message>
        <source>Chọn tỉnh/thành phố trong danh sách</source>
        <translation>Choose the province or city from the list</translation>
    </message>
    <message>
        <source>Chọn xã/phường trong danh sách</source>
        <translation>Choose the commune or ward from the list</translation>
    </message>
    <message>
        <source>Chưa lưu: %1 lỗi, xem dưới từng ô.</source>
        <translation>Not saved: see the errors below the fields (%1).</translation>
    </message>
</context>
<context>
    <name>FollowUpModel</name>
    <message>
        <source>Hạn</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Tình trạng</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Số điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Gọi lại an toàn?</source>
        <translation>Safe to call back?</translation>
    </message>
    <message>
        <source>Khi nào gọi được</source>
        <translation>When to call</translation>
    </message>
    <message>
        <source>Tóm tắt cuộc gọi</source>
        <translation>Call summary</translation>
    </message>
    <message>
        <source>Phụ trách</source>
        <translation>Assigned to</translation>
    </message>
    <message>
        <source>QUÁ HẠN</source>
        <translation>OVERDUE</translation>
    </message>
    <message>
        <source>Hôm nay</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>ẩn số</source>
        <translation>number withheld</translation>
    </message>
    <message>
        <source>chưa hỏi</source>
        <translation>not asked</translation>
    </message>
    <message>
        <source>Có</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>KHÔNG</source>
        <translation>NO</translation>
    </message>
</context>
<context>
    <name>FollowUpsView</name>
    <message>
        <source>Theo dõi: đến hạn hôm nay và quá hạn</source>
        <translation>Follow-ups: due today and overdue</translation>
    </message>
    <message>
        <source>Bảng việc cần theo dõi</source>
        <translation>Table of follow-ups</translation>
    </message>
    <message>
        <source>Ghi chú khi hoàn thành (không bắt buộc)</source>
        <translation>Note on completion (optional)</translation>
    </message>
    <message>
        <source>Ghi chú hoàn thành</source>
        <translation>Completion note</translation>
    </message>
    <message>
        <source>Đã xong</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Mở cuộc gọi</source>
        <translation>Open call</translation>
    </message>
    <message>
        <source>Làm mới</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Đang tải…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>%1 việc: %2 quá hạn, %3 đến hạn hôm nay.</source>
        <translation>%1 follow-ups: %2 overdue, %3 due today.</translation>
    </message>
    <message>
        <source>(hiện %1 việc cũ nhất)</source>
        <translation>(showing the %1 oldest)</translation>
    </message>
    <message>
        <source>Không tải được danh sách theo dõi: %1</source>
        <translation>The follow-up list could not be loaded: %1</translation>
    </message>
    <message>
        <source>Đã hoàn thành việc theo dõi cuộc gọi #%1.</source>
        <translation>Follow-up of call #%1 completed.</translation>
    </message>
</context>
<context>
    <name>HelpOverlay</name>
    <message>
        <source>Khung “%1” bên cạnh phiếu gọi</source>
        <translation>“%1” panel beside the call form</translation>
    </message>
    <message>
        <source>Trang “%1”</source>
        <translation>“%1” page</translation>
    </message>
    <message>
        <source>Mở trang “%1”</source>
        <translation>Open the “%1” page</translation>
    </message>
    <message>
        <source>Sang ô sau / ô trước</source>
        <translation>Next field / previous field</translation>
    </message>
    <message>
        <source>Alt + chữ gạch chân</source>
        <translation>Alt + underlined letter</translation>
    </message>
    <message>
        <source>Đến ô hoặc nút có chữ đó</source>
        <translation>Go to the field or button with that letter</translation>
    </message>
    <message>
        <source>Bấm nút đang chọn; đánh dấu ô chọn</source>
        <translation>Press the focused button; tick a check box</translation>
    </message>
    <message>
        <source>Chọn trong danh sách, bảng</source>
        <translation>Move in lists and tables</translation>
    </message>
    <message>
        <source>Hoàn tác / làm lại khi gõ</source>
        <translation>Undo / redo while typing</translation>
    </message>
    <message>
        <source>Phím tắt</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Esc hoặc F1 để đóng. Danh sách lấy từ chính các phím của cửa sổ này.</source>
        <translation>Esc or F1 closes. The list is read from this window&apos;s own keys.</translation>
    </message>
    <message>
        <source>Phím</source>
        <translation>Keys</translation>
    </message>
    <message>
        <source>Việc</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Danh sách phím tắt</source>
        <translation>List of keyboard shortcuts</translation>
    </message>
    <message>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <source>Mọi nơi trong cửa sổ</source>
        <translation>Anywhere in the window</translation>
    </message>
    <message>
        <source>Khi gõ, trong danh sách</source>
        <translation>While typing, in lists</translation>
    </message>
    <message>
        <source>Hiện hoặc ẩn danh sách phím tắt</source>
        <translation>Show or hide the list of keyboard shortcuts</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>Lịch sử sửa cuộc gọi #%1</source>
        <translation>Edit history of call #%1</translation>
    </message>
    <message>
        <source>Mục</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Trước</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>Sau</source>
        <translation>After</translation>
    </message>
    <message>
        <source>Các phiên bản của cuộc gọi</source>
        <translation>Versions of the call</translation>
    </message>
    <message>
        <source>Cuộc gọi #%1 — phiên bản hiện tại %2; %3 phiên bản trước.</source>
        <translation>Call #%1 — current version %2; %3 earlier versions.</translation>
    </message>
    <message>
        <source>phiên bản %1 (hiện tại), lưu %2</source>
        <translation>version %1 (current), saved %2</translation>
    </message>
    <message>
        <source>Phiên bản %1 → %2: lưu %3 bởi %4</source>
        <translation>Version %1 → %2: saved %3 by %4</translation>
    </message>
    <message>
        <source>(không có thay đổi nội dung)</source>
        <translation>(no change in content)</translation>
    </message>
    <message>
        <source>phiên bản %1</source>
        <translation>version %1</translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <source>Chọn tệp để nhập…</source>
        <translation>Choose files to import…</translation>
    </message>
    <message>
        <source>Chọn tệp để nhập</source>
        <translation>Choose files to import</translation>
    </message>
    <message>
        <source>Nhập nhiều tệp…</source>
        <translation>Import several files…</translation>
    </message>
    <message>
        <source>Nhập nhiều tệp cùng lúc</source>
        <translation>Import several files at once</translation>
    </message>
    <message>
        <source>Nhập nhiều tệp với thông tin đọc được từ văn bản; sửa lại sau trong bảng bên dưới</source>
        <translation>Import several files with the details read from their text; correct them later in the table below</translation>
    </message>
    <message>
        <source>Chưa chọn tệp (%1)</source>
        <translation>No file chosen (%1)</translation>
    </message>
    <message>
        <source>ngày/tháng/năm, VD: 05/03/2026</source>
        <translation>dd/mm/yyyy, e.g. 05/03/2026</translation>
    </message>
    <message>
        <source>số ký hiệu văn bản thay thế</source>
        <translation>number of the replacing document</translation>
    </message>
    <message>
        <source>Lỗi nhập tài liệu</source>
        <translation>Document import errors</translation>
    </message>
    <message>
        <source>Nhập vào thư viện</source>
        <translation>Import into the library</translation>
    </message>
    <message>
        <source>Tiến độ nhập</source>
        <translation>Import progress</translation>
    </message>
    <message>
        <source>Văn bản trong thư viện</source>
        <translation>Documents in the library</translation>
    </message>
    <message>
        <source>Xóa tài liệu đã chọn</source>
        <translation>Delete the selected document</translation>
    </message>
    <message>
        <source>Lưu thông tin đã sửa</source>
        <translation>Save the changes</translation>
    </message>
    <message>
        <source>Lưu thông tin văn bản đã chọn</source>
        <translation>Save the details of the selected document</translation>
    </message>
    <message>
        <source>Tài khoản này chỉ được tra cứu; nhập và xóa tài liệu cần quyền quản lý thư viện.</source>
        <translation>This account may only search; importing and deleting documents needs the library manager role.</translation>
    </message>
    <message>
        <source>Tên văn bản</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Số ký hiệu</source>
        <translation>Document number</translation>
    </message>
    <message>
        <source>Loại</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Cơ quan ban hành</source>
        <translation>Issued by</translation>
    </message>
    <message>
        <source>Ngày ban hành</source>
        <translation>Issued on</translation>
    </message>
    <message>
        <source>Ngày hiệu lực</source>
        <translation>Effective from</translation>
    </message>
    <message>
        <source>Tình trạng</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Thay thế bởi</source>
        <translation>Replaced by</translation>
    </message>
    <message>
        <source>Văn bản trong thư viện:</source>
        <translation>Documents in the library:</translation>
    </message>
    <message>
        <source>Tài liệu (%1)</source>
        <translation>Documents (%1)</translation>
    </message>
    <message>
        <source>Chọn các tài liệu để nhập</source>
        <translation>Choose the documents to import</translation>
    </message>
    <message>
        <source>Đã nhập %1/%2 tệp.</source>
        <translation>Imported %1 of %2 files.</translation>
    </message>
    <message>
        <source>Không nhập được:</source>
        <translation>Not imported:</translation>
    </message>
    <message>
        <source>Chọn tài liệu để nhập</source>
        <translation>Choose documents to import</translation>
    </message>
    <message>
        <source>Đang đọc %1…</source>
        <translation>Reading %1…</translation>
    </message>
    <message>
        <source>Đọc được %1 điều (%2 mục).</source>
        <translation>Read %1 articles (%2 sections).</translation>
    </message>
    <message>
        <source>Đọc được %1 phần (không có &apos;Điều N.&apos;).</source>
        <translation>Read %1 sections (no &apos;Điều N.&apos; articles).</translation>
    </message>
    <message>
        <source>Kiểm tra thông tin rồi bấm “Nhập vào thư viện”.</source>
        <translation>Check the details, then press “Import into the library”.</translation>
    </message>
    <message>
        <source>Lưu ý: %1</source>
        <translation>Note: %1</translation>
    </message>
    <message>
        <source>Đã nhập</source>
        <translation>Imported</translation>
    </message>
    <message>
        <source>Đã cập nhật</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>mục</source>
        <translation>sections</translation>
    </message>
    <message>
        <source>Đã lưu thông tin: %1</source>
        <translation>Details saved: %1</translation>
    </message>
    <message>
        <source>Văn bản có sẵn của thư viện không xóa được.</source>
        <translation>Documents bundled with the library cannot be deleted.</translation>
    </message>
    <message>
        <source>Bấm lần nữa để xóa “%1”</source>
        <translation>Press again to delete “%1”</translation>
    </message>
    <message>
        <source>Đã xóa: %1</source>
        <translation>Deleted: %1</translation>
    </message>
</context>
<context>
    <name>KeyView</name>
    <message>
        <source>Dữ liệu được mã hóa (SQLCipher, AES-256); khóa nằm trong kho khóa của hệ điều hành trên máy này.</source>
        <translation>The data is encrypted (SQLCipher, AES-256); the key is in this computer&apos;s operating system keyring.</translation>
    </message>
    <message>
        <source>Dữ liệu được mã hóa (SQLCipher, AES-256); khóa được tạo từ cụm mật khẩu nhập mỗi lần mở Hotline.</source>
        <translation>The data is encrypted (SQLCipher, AES-256); the key comes from the passphrase entered each time Hotline opens.</translation>
    </message>
    <message>
        <source>Dữ liệu chưa được mã hóa.</source>
        <translation>The data is not encrypted.</translation>
    </message>
    <message>
        <source>Xem lại khóa khôi phục</source>
        <translation>View the recovery key again</translation>
    </message>
    <message>
        <source>Mật khẩu của bạn, để xem khóa khôi phục</source>
        <translation>Your password, to view the recovery key</translation>
    </message>
    <message>
        <source>&amp;Hiện khóa khôi phục</source>
        <translation>&amp;Show the recovery key</translation>
    </message>
    <message>
        <source>Ẩn</source>
        <translation>Hide</translation>
    </message>
    <message>
        <source>Mật khẩu của bạn</source>
        <translation>Your password</translation>
    </message>
    <message>
        <source>Khóa khôi phục hiện tại (lần xem này được ghi vào nhật ký). Nó tự ẩn sau 2 phút; đừng để màn hình này mở khi rời bàn.</source>
        <translation>The current recovery key (this viewing is recorded in the log). It hides itself after 2 minutes; do not leave this screen open when you leave the desk.</translation>
    </message>
    <message>
        <source>Đổi khóa mã hóa</source>
        <translation>Change the encryption key</translation>
    </message>
    <message>
        <source>Đổi khóa khi nghi khóa khôi phục đã lộ. Dữ liệu được mã hóa lại, một khóa khôi phục MỚI hiện một lần, khóa cũ hết hiệu lực (các bản sao lưu cũ vẫn cần khóa cũ). Hotline vẫn chạy tiếp, không cần mở lại.</source>
        <translation>Change the key if the recovery key may have been seen by others. The data is encrypted again, a NEW recovery key is shown once, and the old key stops working (old backups still need the old key). Hotline keeps running; there is no need to open it again.</translation>
    </message>
    <message>
        <source>Hotline đang làm việc nền (sao lưu, đồng bộ báo cáo, nhập hoặc xuất tệp). Đợi việc đó xong rồi bấm đổi khóa lại.</source>
        <translation>Hotline is busy in the background (a backup, the report sync, or importing or exporting a file). Wait until it has finished, then change the key again.</translation>
    </message>
    <message>
        <source>Đã đổi khóa mã hóa. Đây là khóa khôi phục MỚI (khóa cũ hết hiệu lực): chép hoặc in ra và cất giữ an toàn. Hotline vẫn chạy tiếp như bình thường.</source>
        <translation>The encryption key has been changed. This is the NEW recovery key (the old one no longer works): copy or print it and keep it somewhere safe. Hotline keeps running as usual.</translation>
    </message>
    <message>
        <source>Mật khẩu của bạn, để đổi khóa</source>
        <translation>Your password, to change the key</translation>
    </message>
    <message>
        <source>Cụm mật khẩu mới</source>
        <translation>New passphrase</translation>
    </message>
    <message>
        <source>Nhập lại cụm mật khẩu mới</source>
        <translation>Repeat the new passphrase</translation>
    </message>
    <message>
        <source>Nhập lại</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <source>Đổi &amp;khóa…</source>
        <translation>Change the &amp;key…</translation>
    </message>
    <message>
        <source>cần đăng nhập</source>
        <translation>login required</translation>
    </message>
    <message>
        <source>Cụm mật khẩu mới phải có ít nhất %1 ký tự.</source>
        <translation>The new passphrase must have at least %1 characters.</translation>
    </message>
    <message>
        <source>Hai lần nhập cụm mật khẩu không khớp.</source>
        <translation>The two passphrases do not match.</translation>
    </message>
    <message>
        <source>Bấm lần nữa để đổi khóa</source>
        <translation>Press again to change the key</translation>
    </message>
</context>
<context>
    <name>LibrarySearchPanel</name>
    <message>
        <source>Ghi chú của điều đang chọn</source>
        <translation>Note on the selected article</translation>
    </message>
    <message>
        <source>Trích dẫn cho cuộc gọi</source>
        <translation>Cite in the call</translation>
    </message>
    <message>
        <source>Sao chép</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Sao chép trích dẫn</source>
        <translation>Copy citation</translation>
    </message>
    <message>
        <source>Trích dẫn điều đang chọn cho cuộc gọi</source>
        <translation>Cite the selected article in the call</translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message>
        <source>ban hành %1</source>
        <translation>issued %1</translation>
    </message>
    <message>
        <source>hiệu lực %1</source>
        <translation>effective %1</translation>
    </message>
    <message>
        <source>thay thế bởi %1</source>
        <translation>replaced by %1</translation>
    </message>
    <message>
        <source>Ghi chú tư vấn</source>
        <translation>Counselling note</translation>
    </message>
    <message>
        <source>Nội dung văn bản</source>
        <translation>Text of the document</translation>
    </message>
    <message>
        <source>Trích dẫn</source>
        <translation>Citation</translation>
    </message>
    <message>
        <source>Tra cứu</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Tài liệu của trung tâm</source>
        <translation>The center&apos;s documents</translation>
    </message>
    <message>
        <source>Thư viện pháp luật</source>
        <translation>Legal library</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Hotline đã khóa</source>
        <translation>Hotline is locked</translation>
    </message>
    <message>
        <source>Màn hình khóa</source>
        <translation>Lock screen</translation>
    </message>
    <message>
        <source>Đã đăng xuất</source>
        <translation>Logged out</translation>
    </message>
    <message>
        <source>Cuộc gọi đang ghi được giữ nguyên. Nếu người khác đăng nhập, cuộc gọi này nằm trong danh sách &quot;chưa lưu&quot; để người ghi tiếp tục.</source>
        <translation>The call being logged is kept as it is. If someone else logs in, it waits in the &quot;unsaved&quot; list for whoever took it to carry on.</translation>
    </message>
</context>
<context>
    <name>Login</name>
    <message>
        <source>Cụm mật khẩu không đúng (hoặc tệp dữ liệu bị hỏng). Nhập lại, hoặc dùng khóa khôi phục.</source>
        <translation>Wrong passphrase (or a damaged data file). Try again, or use the recovery key.</translation>
    </message>
    <message>
        <source>khóa khôi phục không mở được dữ liệu này</source>
        <translation>the recovery key does not open this data</translation>
    </message>
    <message>
        <source>cụm mật khẩu không đúng (cần đúng cụm mật khẩu để khôi phục)</source>
        <translation>wrong passphrase (the right passphrase is needed to restore)</translation>
    </message>
    <message>
        <source>Không khôi phục được từ %1: %2. Dữ liệu hiện tại giữ nguyên.</source>
        <translation>Could not restore from %1: %2. The current data is unchanged.</translation>
    </message>
    <message>
        <source>Đã khôi phục dữ liệu từ bản sao lưu %1.</source>
        <translation>The data was restored from the backup %1.</translation>
    </message>
    <message>
        <source>Dữ liệu trước đó được giữ tại %1.</source>
        <translation>The previous data is kept in %1.</translation>
    </message>
    <message>
        <source>Hotline không mở được dữ liệu</source>
        <translation>Hotline cannot open its data</translation>
    </message>
    <message>
        <source>Không mở được cơ sở dữ liệu của Hotline.

%1

Chưa có dữ liệu nào bị thay đổi. Hãy kiểm tra thư mục dữ liệu hoặc khôi phục từ bản sao lưu (thư mục backups).</source>
        <translation>Hotline&apos;s database could not be opened.

%1

No data has been changed. Check the data folder or restore from a backup (the backups folder).</translation>
    </message>
    <message>
        <source>Dữ liệu đã được mã hóa lại bằng cụm mật khẩu mới. Đây là khóa khôi phục MỚI; khóa cũ không còn dùng được.</source>
        <translation>The data is now encrypted with the new passphrase. This is the NEW recovery key; the old key no longer works.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Đăng nhập — Hotline</source>
        <translation>Log in — Hotline</translation>
    </message>
    <message>
        <source>Đăng nhập để ghi và xem cuộc gọi</source>
        <translation>Log in to record and view calls</translation>
    </message>
    <message>
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
</context>
<context>
    <name>LoginForm</name>
    <message>
        <source>Tên đăng nhập</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Đăng &amp;nhập</source>
        <translation>&amp;Log in</translation>
    </message>
    <message>
        <source>&amp;Tên đăng nhập</source>
        <translation>&amp;Username</translation>
    </message>
    <message>
        <source>&amp;Mật khẩu</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <source>Nhập tên đăng nhập.</source>
        <translation>Enter a username.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Đang mở dữ liệu…</source>
        <translation>Opening the data…</translation>
    </message>
    <message>
        <source>Các trang</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>Người trực: %1</source>
        <translation>On duty: %1</translation>
    </message>
    <message>
        <source>(chưa đặt tên)</source>
        <translation>(no name set)</translation>
    </message>
    <message>
        <source>Thời gian cuộc gọi đang ghi</source>
        <translation>Time of the call being logged</translation>
    </message>
    <message>
        <source>Đồng bộ lần cuối</source>
        <translation>Last sync</translation>
    </message>
    <message>
        <source>Tra cứu bên cạnh cuộc gọi</source>
        <translation>Search beside the call</translation>
    </message>
    <message>
        <source>Ghi cuộc gọi</source>
        <translation>Log a call</translation>
    </message>
    <message>
        <source>Danh sách cuộc gọi</source>
        <translation>Call list</translation>
    </message>
    <message>
        <source>Theo dõi</source>
        <translation>Follow-ups</translation>
    </message>
    <message>
        <source>Mở trang thứ %1 bên trái</source>
        <translation>Open page %1 of the sidebar</translation>
    </message>
    <message>
        <source>Đến khung tra cứu bên cạnh phiếu gọi</source>
        <translation>Go to the search panel beside the call form</translation>
    </message>
    <message>
        <source>Đang ghi cuộc gọi: %1</source>
        <translation>Call in progress: %1</translation>
    </message>
</context>
<context>
    <name>MaintenanceScheduler</name>
    <message>
        <source>Đang sao lưu…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <source>Sao lưu lúc %1 ✓</source>
        <translation>Backed up at %1 ✓</translation>
    </message>
    <message>
        <source>Sao lưu tự động lỗi: %1</source>
        <translation>Automatic backup failed: %1</translation>
    </message>
</context>
<context>
    <name>OpenReferralsView</name>
    <message>
        <source>Chuyển tuyến cần theo dõi</source>
        <translation>Referrals to follow up</translation>
    </message>
    <message>
        <source>Đang tải…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>Không có chuyển tuyến nào đang theo dõi.</source>
        <translation>No referrals are being followed up.</translation>
    </message>
    <message>
        <source>%1 chuyển tuyến đang theo dõi, cũ nhất trước.</source>
        <translation>%1 referrals being followed up, oldest first.</translation>
    </message>
    <message>
        <source>Đang hiện %1; kéo xuống cuối danh sách để xem thêm.</source>
        <translation>Showing %1; scroll to the end of the list to see more.</translation>
    </message>
    <message>
        <source>Không tải được danh sách chuyển tuyến: %1</source>
        <translation>Could not load the referrals: %1</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>Pháp luật</source>
        <translation>Law</translation>
    </message>
    <message>
        <source>Danh bạ dịch vụ</source>
        <translation>Service directory</translation>
    </message>
    <message>
        <source>Tra cứu pháp luật</source>
        <translation>Legal library</translation>
    </message>
    <message>
        <source>Chuyển tuyến</source>
        <translation>Referrals</translation>
    </message>
    <message>
        <source>Báo cáo</source>
        <translation>Reports</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Mở dữ liệu Hotline</source>
        <translation>Open Hotline&apos;s data</translation>
    </message>
    <message>
        <source>Đặt cụm mật khẩu để mã hóa dữ liệu</source>
        <translation>Set a passphrase to encrypt the data</translation>
    </message>
    <message>
        <source>Nhập cụm mật khẩu để mở dữ liệu</source>
        <translation>Enter the passphrase to open the data</translation>
    </message>
    <message>
        <source>Mở dữ liệu bằng khóa khôi phục</source>
        <translation>Open the data with the recovery key</translation>
    </message>
    <message>
        <source>Cụm mật khẩu</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>Nhập lại cụm mật khẩu</source>
        <translation>Repeat the passphrase</translation>
    </message>
    <message>
        <source>&amp;Cụm mật khẩu</source>
        <translation>&amp;Passphrase</translation>
    </message>
    <message>
        <source>&amp;Nhập lại</source>
        <translation>&amp;Repeat</translation>
    </message>
    <message>
        <source>Ít nhất %1 ký tự, dễ nhớ với bạn, khó đoán với người khác (VD: một câu ngắn). Máy này không có kho khóa an toàn của hệ điều hành, nên mỗi lần mở Hotline cần cụm mật khẩu này.</source>
        <translation>At least %1 characters, easy for you to remember and hard for others to guess (e.g. a short sentence). This computer has no secure keyring in its operating system, so Hotline asks for this passphrase every time it opens.</translation>
    </message>
    <message>
        <source>Quên cụm mật khẩu? Dùng &amp;khóa khôi phục</source>
        <translation>Forgot the passphrase? Use the recovery &amp;key</translation>
    </message>
    <message>
        <source>Khóa khôi phục</source>
        <translation>Recovery key</translation>
    </message>
    <message>
        <source>&amp;Khóa khôi phục</source>
        <translation>Recovery &amp;key</translation>
    </message>
    <message>
        <source>Cụm mật khẩu mới</source>
        <translation>New passphrase</translation>
    </message>
    <message>
        <source>Nhập lại cụm mật khẩu mới</source>
        <translation>Repeat the new passphrase</translation>
    </message>
    <message>
        <source>Cụm mật khẩu &amp;mới</source>
        <translation>&amp;New passphrase</translation>
    </message>
    <message>
        <source>Dữ liệu sẽ được mã hóa lại bằng cụm mật khẩu mới, và một khóa khôi phục MỚI được hiện một lần (khóa cũ hết hiệu lực).</source>
        <translation>The data will be encrypted again with the new passphrase, and a NEW recovery key is shown once (the old key stops working).</translation>
    </message>
    <message>
        <source>Đang mở dữ liệu…</source>
        <translation>Opening the data…</translation>
    </message>
    <message>
        <source>&amp;Mở</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Nhập khóa khôi phục (các nhóm chữ và số trên tờ đã in).</source>
        <translation>Enter the recovery key (the groups of letters and digits on the printed sheet).</translation>
    </message>
    <message>
        <source>Nhập cụm mật khẩu.</source>
        <translation>Enter the passphrase.</translation>
    </message>
    <message>
        <source>Cụm mật khẩu phải có ít nhất %1 ký tự.</source>
        <translation>The passphrase must have at least %1 characters.</translation>
    </message>
    <message>
        <source>Hai lần nhập cụm mật khẩu không khớp.</source>
        <translation>The two passphrases do not match.</translation>
    </message>
</context>
<context>
    <name>PhoneBlock</name>
    <message>
        <source>Số điện thoại %1</source>
        <translation>Phone number %1</translation>
    </message>
    <message>
        <source>Sao chép</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Sao chép số %1</source>
        <translation>Copy the number %1</translation>
    </message>
</context>
<context>
    <name>PriorCallsPanel</name>
    <message>
        <source>Cùng hồ sơ với các lần gọi trước</source>
        <translation>Same case as the earlier calls</translation>
    </message>
    <message>
        <source>Liên kết cuộc gọi này vào cùng hồ sơ</source>
        <translation>Link this call into the same case</translation>
    </message>
    <message>
        <source>Các cuộc gọi trước từ số này</source>
        <translation>Earlier calls from this number</translation>
    </message>
    <message numerus="yes">
        <source>Số này đã gọi %n lần trước</source>
        <translation>
            <numerusform>This number has called %n time before</numerusform>
            <numerusform>This number has called %n times before</numerusform>
        </translation>
    </message>
    <message>
        <source>hồ sơ %1</source>
        <translation>case %1</translation>
    </message>
    <message>
        <source>… và %1 cuộc gọi cũ hơn</source>
        <translation>… and %1 older calls</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>Khóa khôi phục mới</source>
        <translation>New recovery key</translation>
    </message>
    <message>
        <source>&amp;Tiếp tục</source>
        <translation>&amp;Continue</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyPanel</name>
    <message>
        <source>Đây là &lt;b&gt;khóa khôi phục&lt;/b&gt; của dữ liệu. Khi cài lại máy, đổi máy hoặc mất kho khóa của hệ điều hành, chỉ khóa này mở được dữ liệu và các bản sao lưu. Hãy chép tay hoặc in ra và cất ở nơi an toàn (tủ có khóa của lãnh đạo trung tâm). Khóa chỉ hiện &lt;b&gt;một lần&lt;/b&gt;.</source>
        <translation>This is the data&apos;s &lt;b&gt;recovery key&lt;/b&gt;. When the computer is reinstalled or replaced, or the operating system&apos;s keyring is lost, only this key opens the data and the backups. Copy it by hand or print it, and keep it somewhere safe (the center head&apos;s locked cabinet). The key is shown &lt;b&gt;only once&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>Khóa khôi phục</source>
        <translation>Recovery key</translation>
    </message>
    <message>
        <source>&amp;In khóa khôi phục…</source>
        <translation>&amp;Print the recovery key…</translation>
    </message>
    <message>
        <source>In khóa khôi phục</source>
        <translation>Print the recovery key</translation>
    </message>
    <message>
        <source>Tôi đã &amp;chép hoặc in khóa khôi phục và cất ở nơi an toàn</source>
        <translation>I have &amp;copied or printed the recovery key and put it somewhere safe</translation>
    </message>
    <message>
        <source>Xác nhận đã chép hoặc in khóa khôi phục</source>
        <translation>Confirm the recovery key was copied or printed</translation>
    </message>
    <message>
        <source>Dữ liệu chưa được mã hóa: không có khóa khôi phục.</source>
        <translation>The data is not encrypted: there is no recovery key.</translation>
    </message>
    <message>
        <source>KHÓA KHÔI PHỤC DỮ LIỆU HOTLINE</source>
        <translation>HOTLINE DATA RECOVERY KEY</translation>
    </message>
    <message>
        <source>Ngày lập: %1</source>
        <translation>Created on: %1</translation>
    </message>
    <message>
        <source>Khóa này mở được dữ liệu cuộc gọi và mọi bản sao lưu. Cất trong tủ có khóa; không chụp ảnh, không gửi qua mạng. Khi đổi khóa, bản này hết hiệu lực: hủy bỏ nó.</source>
        <translation>This key opens the call data and every backup. Keep it in a locked cabinet; do not photograph it or send it over a network. When the key is changed this copy stops working: destroy it.</translation>
    </message>
    <message>
        <source>Dùng khi cài lại máy: mở Hotline và chọn “Dùng khóa khôi phục”; hoặc dòng lệnh: hotline backup restore TỆP --recovery-key KHÓA</source>
        <translation>When the computer is reinstalled: open Hotline and choose “Use the recovery key”; or on the command line: hotline backup restore FILE --recovery-key KEY</translation>
    </message>
</context>
<context>
    <name>RecoveryPage</name>
    <message>
        <source>Khóa khôi phục</source>
        <translation>Recovery key</translation>
    </message>
</context>
<context>
    <name>ReferralStatusWidget</name>
    <message>
        <source>Các chuyển tuyến</source>
        <translation>Referrals</translation>
    </message>
    <message>
        <source>Trạng thái chuyển tuyến</source>
        <translation>Referral status</translation>
    </message>
    <message>
        <source>Ghi chú (ví dụ: đã gọi, hẹn ngày mai)</source>
        <translation>Note (e.g. called, appointment tomorrow)</translation>
    </message>
    <message>
        <source>Ghi chú chuyển tuyến</source>
        <translation>Referral note</translation>
    </message>
    <message>
        <source>Cập nhật</source>
        <translation>Update</translation>
    </message>
    <message>
        <source>Mở cuộc gọi</source>
        <translation>Open call</translation>
    </message>
    <message>
        <source>Cuộc gọi #%1 (%2)</source>
        <translation>Call #%1 (%2)</translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message>
        <source>Ngày</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>Tuần</source>
        <translation>Week</translation>
    </message>
    <message>
        <source>Tháng</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>Quý</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <source>Năm</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>Khoảng tùy chọn</source>
        <translation>Custom range</translation>
    </message>
    <message>
        <source>Kỳ báo cáo</source>
        <translation>Reporting period</translation>
    </message>
    <message>
        <source>&amp;Kỳ báo cáo:</source>
        <translation>P&amp;eriod:</translation>
    </message>
    <message>
        <source>Ngày trong kỳ</source>
        <translation>A day in the period</translation>
    </message>
    <message>
        <source>&amp;Ngày:</source>
        <translation>&amp;Day:</translation>
    </message>
    <message>
        <source>Từ ngày</source>
        <translation>From date</translation>
    </message>
    <message>
        <source>Đến ngày</source>
        <translation>To date</translation>
    </message>
    <message>
        <source>đến</source>
        <translation>to</translation>
    </message>
    <message>
        <source>&amp;Từ ngày:</source>
        <translation>&amp;From:</translation>
    </message>
    <message>
        <source>Kỳ đã chọn</source>
        <translation>Chosen period</translation>
    </message>
    <message>
        <source>Báo cáo:</source>
        <translation>Report:</translation>
    </message>
    <message>
        <source>&amp;Lập báo cáo</source>
        <translation>&amp;Make the report</translation>
    </message>
    <message>
        <source>&amp;In…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>&amp;Mở thư mục</source>
        <translation>&amp;Open the folder</translation>
    </message>
    <message>
        <source>Tiến độ lập báo cáo</source>
        <translation>Report progress</translation>
    </message>
    <message>
        <source>Xem trước báo cáo</source>
        <translation>Report preview</translation>
    </message>
    <message>
        <source>Đồng bộ báo cáo hằng ngày</source>
        <translation>Daily report sync</translation>
    </message>
    <message>
        <source>Trạng thái đồng bộ</source>
        <translation>Sync status</translation>
    </message>
    <message>
        <source>Đồng &amp;bộ ngay</source>
        <translation>Sync &amp;now</translation>
    </message>
    <message>
        <source>Đồng bộ ngay</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Nhật ký đồng bộ</source>
        <translation>Sync log</translation>
    </message>
    <message>
        <source>Thư mục lưu báo cáo</source>
        <translation>Folder where reports are saved</translation>
    </message>
    <message>
        <source>Lưu vào:</source>
        <translation>Saved to:</translation>
    </message>
    <message>
        <source>Ngày %1</source>
        <translation>Day %1</translation>
    </message>
    <message>
        <source>Tháng %1</source>
        <translation>Month %1</translation>
    </message>
    <message>
        <source>Quý %1/%2</source>
        <translation>Quarter %1/%2</translation>
    </message>
    <message>
        <source>Năm %1</source>
        <translation>Year %1</translation>
    </message>
    <message>
        <source>Tuần từ ngày %1 đến ngày %2</source>
        <translation>Week from %1 to %2</translation>
    </message>
    <message>
        <source>Từ ngày %1 đến ngày %2</source>
        <translation>From %1 to %2</translation>
    </message>
    <message>
        <source>Đã lưu %1 vào %2</source>
        <translation>Saved %1 to %2</translation>
    </message>
    <message>
        <source>Báo cáo %1: %2 cuộc gọi.</source>
        <translation>Report %1: %2 calls.</translation>
    </message>
    <message>
        <source>Không lập được báo cáo: %1</source>
        <translation>The report could not be made: %1</translation>
    </message>
    <message>
        <source>Trang %1</source>
        <translation>Page %1</translation>
    </message>
    <message>
        <source>… còn %1 trang nữa: mở tệp PDF để xem hết.</source>
        <translation>… more pages (%1): open the PDF file to see them all.</translation>
    </message>
    <message>
        <source>In báo cáo</source>
        <translation>Print report</translation>
    </message>
    <message>
        <source>Không mở được máy in.</source>
        <translation>The printer could not be opened.</translation>
    </message>
    <message>
        <source>Đã gửi %1 trang tới máy in.</source>
        <translation>Sent to the printer (pages: %1).</translation>
    </message>
    <message>
        <source>Không mở được thư mục %1</source>
        <translation>The folder %1 could not be opened</translation>
    </message>
    <message>
        <source>Chưa cấu hình đồng bộ: đặt thư mục đồng bộ (sync_folder) hoặc máy chủ thư (smtp_host, smtp_to) trong cài đặt.</source>
        <translation>Sync is not set up: set a sync folder (sync_folder) or a mail server (smtp_host, smtp_to) in the settings.</translation>
    </message>
    <message>
        <source>Đang đồng bộ…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>Không đọc được nhật ký đồng bộ: %1</source>
        <translation>The sync log could not be read: %1</translation>
    </message>
    <message>
        <source>Chưa cấu hình đồng bộ. Báo cáo hằng ngày sẽ được gửi tới thư mục đồng bộ (ổ mạng) và thư điện tử khi được cấu hình.</source>
        <translation>Sync is not set up. Once it is, the daily report is sent to the sync folder (a network drive) and by e-mail.</translation>
    </message>
    <message>
        <source>%1 → %2: đã gửi đến ngày %3; thành công gần nhất: %4</source>
        <translation>%1 → %2: sent up to %3; last success: %4</translation>
    </message>
    <message>
        <source>chưa có</source>
        <translation>none yet</translation>
    </message>
    <message>
        <source> — LỖI (%1 lần): %2; thử lại lúc %3</source>
        <translation> — ERROR (attempts: %1): %2; retrying at %3</translation>
    </message>
</context>
<context>
    <name>RetentionView</name>
    <message>
        <source>Sau một số năm, cuộc gọi cũ không cần giữ tên, số điện thoại, nội dung và kết quả tư vấn nữa. Chính sách này xóa các thông tin đó (cả các phiên bản cũ và bản nháp) nhưng giữ mã vấn đề, mức độ, giới tính, độ tuổi, địa bàn để thống kê; số điện thoại được thay bằng mã băm để vẫn đếm được người gọi lại. Hotline tự áp dụng mỗi ngày một lần khi đã đặt thời hạn. Mỗi lần áp dụng được ghi vào nhật ký.</source>
        <translation>After some years an old call no longer needs its names, phone number, content and counselling outcome. This policy deletes them (from earlier versions and drafts too) but keeps the issue codes, level, sex, age group and area for statistics; the phone number becomes a hash so that repeat callers can still be counted. Hotline applies it once a day when a period is set. Each run is recorded in the log.</translation>
    </message>
    <message>
        <source>không tự xóa</source>
        <translation>never delete</translation>
    </message>
    <message>
        <source> năm</source>
        <translation> years</translation>
    </message>
    <message>
        <source>Giữ thông tin định danh bao nhiêu năm</source>
        <translation>How many years to keep identifying information</translation>
    </message>
    <message>
        <source>&amp;Lưu thời hạn</source>
        <translation>&amp;Save the period</translation>
    </message>
    <message>
        <source>Giữ thông tin định danh</source>
        <translation>Keep identifying information</translation>
    </message>
    <message>
        <source>Áp &amp;dụng ngay</source>
        <translation>&amp;Apply now</translation>
    </message>
    <message>
        <source>Không xóa thông tin định danh của cuộc gọi nào.</source>
        <translation>No call has its identifying information deleted.</translation>
    </message>
    <message>
        <source>Cuộc gọi trước ngày %1 sẽ mất tên, số điện thoại và nội dung.</source>
        <translation>Calls before %1 will lose their names, phone numbers and content.</translation>
    </message>
    <message>
        <source>Đã lưu thời hạn lưu trữ.</source>
        <translation>Retention period saved.</translation>
    </message>
    <message>
        <source>Bấm lần nữa để xóa (không hoàn tác được)</source>
        <translation>Press again to delete (cannot be undone)</translation>
    </message>
    <message>
        <source>Đã xóa thông tin định danh của %1 cuộc gọi trước %2.</source>
        <translation>Identifying information removed from calls before %2 (calls: %1).</translation>
    </message>
    <message>
        <source>Không áp dụng được: %1</source>
        <translation>Could not apply: %1</translation>
    </message>
</context>
<context>
    <name>SecurityFields</name>
    <message>
        <source> phút</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Tự khóa màn hình sau bao nhiêu phút không dùng</source>
        <translation>Lock the screen after this many minutes without use</translation>
    </message>
    <message>
        <source>Thư mục sao lưu</source>
        <translation>Backup folder</translation>
    </message>
    <message>
        <source>để trống: thư mục backups trong thư mục dữ liệu</source>
        <translation>leave empty: the backups folder in the data folder</translation>
    </message>
    <message>
        <source>không tự xóa</source>
        <translation>never delete</translation>
    </message>
    <message>
        <source> năm</source>
        <translation> years</translation>
    </message>
    <message>
        <source>Giữ thông tin định danh người gọi bao nhiêu năm</source>
        <translation>How many years to keep information identifying callers</translation>
    </message>
    <message>
        <source>Tự &amp;khóa sau</source>
        <translation>&amp;Lock after</translation>
    </message>
    <message>
        <source>Thư mục &amp;sao lưu</source>
        <translation>&amp;Backup folder</translation>
    </message>
    <message>
        <source>Nên chọn ổ đĩa khác hoặc ổ mạng: bản sao lưu trên cùng ổ đĩa không cứu được dữ liệu khi ổ hỏng. Bản sao lưu được mã hóa như dữ liệu.</source>
        <translation>Choose another disk or a network drive: a backup on the same disk cannot save the data when that disk fails. Backups are encrypted like the data.</translation>
    </message>
    <message>
        <source>&amp;Giữ tên, số, nội dung</source>
        <translation>&amp;Keep names, numbers, content</translation>
    </message>
    <message>
        <source>Sau thời hạn này, tên, số điện thoại và nội dung của cuộc gọi cũ được xóa; số liệu thống kê vẫn giữ.</source>
        <translation>After this period the names, phone numbers and content of old calls are deleted; the statistics are kept.</translation>
    </message>
</context>
<context>
    <name>SessionController</name>
    <message>
        <source>Cài đặt…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <source>Khóa màn hình</source>
        <translation>Lock the screen</translation>
    </message>
    <message>
        <source>Đăng xuất</source>
        <translation>Log out</translation>
    </message>
    <message>
        <source>Đổi mật khẩu của tôi…</source>
        <translation>Change my password…</translation>
    </message>
    <message>
        <source>Đăng xuất / khóa</source>
        <translation>Log out / lock</translation>
    </message>
    <message>
        <source>Tài khoản, cài đặt (%1), khóa màn hình (%2), đăng xuất</source>
        <translation>Account, settings (%1), lock the screen (%2), log out</translation>
    </message>
    <message>
        <source>Tài khoản: đổi mật khẩu, cài đặt, khóa màn hình, đăng xuất</source>
        <translation>Account: change password, settings, lock the screen, log out</translation>
    </message>
    <message>
        <source>Sao lưu tự động</source>
        <translation>Automatic backup</translation>
    </message>
    <message numerus="yes">
        <source>Tự khóa sau %n phút không dùng để giữ bí mật thông tin người gọi. Đăng nhập để tiếp tục.</source>
        <translation>
            <numerusform>Locked after %n minute without use, to keep callers&apos; information confidential. Log in to continue.</numerusform>
            <numerusform>Locked after %n minutes without use, to keep callers&apos; information confidential. Log in to continue.</numerusform>
        </translation>
    </message>
    <message>
        <source>Đã khóa. Đăng nhập để tiếp tục.</source>
        <translation>Locked. Log in to continue.</translation>
    </message>
    <message>
        <source>Đăng nhập để ghi và xem cuộc gọi.</source>
        <translation>Log in to record and view calls.</translation>
    </message>
    <message>
        <source>Đã khóa</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>Chưa đăng nhập</source>
        <translation>Not logged in</translation>
    </message>
    <message>
        <source>Người trực: %1 (%2)</source>
        <translation>On duty: %1 (%2)</translation>
    </message>
    <message>
        <source>%1 · Khóa / Đăng xuất</source>
        <translation>%1 · Lock / Log out</translation>
    </message>
    <message>
        <source>Quản trị</source>
        <translation>Administration</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Chọn…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Chọn thư mục: %1</source>
        <translation>Choose a folder: %1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Cài đặt — Hotline</source>
        <translation>Settings — Hotline</translation>
    </message>
    <message>
        <source>Các nhóm cài đặt</source>
        <translation>Groups of settings</translation>
    </message>
    <message>
        <source>Trung tâm</source>
        <translation>Center</translation>
    </message>
    <message>
        <source>Đồng bộ và e-mail</source>
        <translation>Sync and e-mail</translation>
    </message>
    <message>
        <source>Bảo mật</source>
        <translation>Security</translation>
    </message>
    <message>
        <source>Hiển thị</source>
        <translation>Display</translation>
    </message>
    <message>
        <source>&amp;Lưu</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Chỉ lãnh đạo trung tâm thay đổi được thông tin trung tâm, đồng bộ và bảo mật; bạn có thể đổi phần Hiển thị.</source>
        <translation>Only the center&apos;s heads can change the center, sync and security settings; you can change the Display settings.</translation>
    </message>
    <message>
        <source>Chưa lưu: kiểm tra ô được đánh dấu.</source>
        <translation>Not saved: check the marked fields.</translation>
    </message>
    <message>
        <source>Không được phép: %1</source>
        <translation>Not allowed: %1</translation>
    </message>
    <message>
        <source>Chưa lưu được: %1</source>
        <translation>Could not save: %1</translation>
    </message>
    <message>
        <source>Đã lưu cài đặt.</source>
        <translation>Settings saved.</translation>
    </message>
    <message>
        <source>Không có thay đổi.</source>
        <translation>Nothing changed.</translation>
    </message>
</context>
<context>
    <name>Setup</name>
    <message>
        <source>Không lưu được cài đặt: %1</source>
        <translation>The settings could not be saved: %1</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Thiết lập Hotline lần đầu</source>
        <translation>Setting up Hotline</translation>
    </message>
    <message>
        <source>&amp;Tiếp →</source>
        <translation>&amp;Next →</translation>
    </message>
    <message>
        <source>← &amp;Quay lại</source>
        <translation>← &amp;Back</translation>
    </message>
    <message>
        <source>&amp;Hoàn tất</source>
        <translation>&amp;Finish</translation>
    </message>
    <message>
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
</context>
<context>
    <name>SyncLogModel</name>
    <message>
        <source>Thời gian</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Đích</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>Ngày báo cáo</source>
        <translation>Report date</translation>
    </message>
    <message>
        <source>Kết quả</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Chi tiết</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Thành công</source>
        <translation>Succeeded</translation>
    </message>
    <message>
        <source>Bản sửa đổi</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>Lỗi</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Thông tin</source>
        <translation>Information</translation>
    </message>
    <message>
        <source>Thư mục đồng bộ</source>
        <translation>Sync folder</translation>
    </message>
    <message>
        <source>Thư điện tử</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Đồng bộ</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source> (sửa %1)</source>
        <translation> (revision %1)</translation>
    </message>
</context>
<context>
    <name>SyncMailFields</name>
    <message>
        <source>Thư mục đồng bộ báo cáo</source>
        <translation>Report sync folder</translation>
    </message>
    <message>
        <source>không bắt buộc: thư mục chung, ổ mạng…</source>
        <translation>optional: a shared folder, a network drive…</translation>
    </message>
    <message>
        <source>Giờ gửi báo cáo trong ngày</source>
        <translation>Time of day the report is sent</translation>
    </message>
    <message>
        <source>Thư mục đồng &amp;bộ</source>
        <translation>Sync &amp;folder</translation>
    </message>
    <message>
        <source>&amp;Giờ gửi báo cáo ngày</source>
        <translation>Daily report &amp;time</translation>
    </message>
    <message>
        <source>Gửi báo cáo qua &amp;e-mail</source>
        <translation>Send reports by &amp;e-mail</translation>
    </message>
    <message>
        <source>Máy chủ thư (SMTP)</source>
        <translation>Mail server (SMTP)</translation>
    </message>
    <message>
        <source>Cổng SMTP</source>
        <translation>SMTP port</translation>
    </message>
    <message>
        <source>Bảo mật kết nối</source>
        <translation>Connection security</translation>
    </message>
    <message>
        <source>STARTTLS (cổng 587)</source>
        <translation>STARTTLS (port 587)</translation>
    </message>
    <message>
        <source>SSL/TLS (cổng 465)</source>
        <translation>SSL/TLS (port 465)</translation>
    </message>
    <message>
        <source>Không mã hóa (chỉ máy chủ trên máy này)</source>
        <translation>No encryption (only a server on this computer)</translation>
    </message>
    <message>
        <source>Tài khoản e-mail</source>
        <translation>E-mail account</translation>
    </message>
    <message>
        <source>Mật khẩu e-mail</source>
        <translation>E-mail password</translation>
    </message>
    <message>
        <source>lưu trong kho khóa của hệ điều hành; để trống: giữ mật khẩu đã lưu</source>
        <translation>kept in the operating system&apos;s keyring; leave empty: keep the saved password</translation>
    </message>
    <message>
        <source>Địa chỉ người gửi</source>
        <translation>Sender address</translation>
    </message>
    <message>
        <source>để trống: như tài khoản</source>
        <translation>leave empty: same as the account</translation>
    </message>
    <message>
        <source>Gửi tới các địa chỉ</source>
        <translation>Send to these addresses</translation>
    </message>
    <message>
        <source>các địa chỉ cách nhau bởi dấu phẩy</source>
        <translation>addresses separated by commas</translation>
    </message>
    <message>
        <source>Máy &amp;chủ SMTP</source>
        <translation>SMTP ser&amp;ver</translation>
    </message>
    <message>
        <source>Cổ&amp;ng</source>
        <translation>&amp;Port</translation>
    </message>
    <message>
        <source>Bả&amp;o mật</source>
        <translation>Se&amp;curity</translation>
    </message>
    <message>
        <source>Tài &amp;khoản</source>
        <translation>&amp;Account</translation>
    </message>
    <message>
        <source>Ngườ&amp;i gửi</source>
        <translation>Se&amp;nder</translation>
    </message>
    <message>
        <source>&amp;Mật khẩu</source>
        <translation>Pass&amp;word</translation>
    </message>
    <message>
        <source>Gửi &amp;tới</source>
        <translation>Send t&amp;o</translation>
    </message>
    <message>
        <source>Nhập máy chủ thư (SMTP), hoặc bỏ chọn gửi e-mail.</source>
        <translation>Enter the mail server (SMTP), or untick sending by e-mail.</translation>
    </message>
    <message>
        <source>Nhập ít nhất một địa chỉ nhận báo cáo.</source>
        <translation>Enter at least one address to send reports to.</translation>
    </message>
    <message>
        <source>Không mã hóa chỉ dùng được với máy chủ thư trên chính máy này (localhost): mật khẩu không được gửi qua mạng không mã hóa.</source>
        <translation>No encryption only works with a mail server on this same computer (localhost): a password is never sent over an unencrypted network.</translation>
    </message>
    <message>
        <source>Nhập tài khoản e-mail đi kèm mật khẩu.</source>
        <translation>Enter the e-mail account that goes with the password.</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Gửi báo cáo</source>
        <translation>Sending reports</translation>
    </message>
    <message>
        <source>Báo cáo ngày được chép vào một thư mục (ổ mạng chung) và, nếu muốn, gửi qua e-mail. Có thể bỏ trống và đặt sau.</source>
        <translation>The daily report is copied to a folder (a shared network drive) and, if you wish, sent by e-mail. You can leave this empty and set it later.</translation>
    </message>
</context>
<context>
    <name>SyncScheduler</name>
    <message>
        <source>Đồng bộ gặp lỗi: %1</source>
        <translation>Sync failed: %1</translation>
    </message>
    <message>
        <source>Đồng bộ lỗi: %1</source>
        <translation>Sync error: %1</translation>
    </message>
    <message>
        <source>Đồng bộ lúc %1</source>
        <translation>Synced at %1</translation>
    </message>
</context>
<context>
    <name>UserTableModel</name>
    <message>
        <source>Tên đăng nhập</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>Họ tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Vai trò</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>đang dùng</source>
        <translation>active</translation>
    </message>
    <message>
        <source>đã khóa</source>
        <translation>locked</translation>
    </message>
</context>
<context>
    <name>UsersView</name>
    <message>
        <source>Mật khẩu phải có ít nhất %1 ký tự.</source>
        <translation>The password must have at least %1 characters.</translation>
    </message>
    <message>
        <source>Hai lần nhập mật khẩu không khớp.</source>
        <translation>The two passwords do not match.</translation>
    </message>
    <message>
        <source>Danh sách tài khoản</source>
        <translation>List of accounts</translation>
    </message>
    <message>
        <source>Tài khoản đã chọn</source>
        <translation>Selected account</translation>
    </message>
    <message>
        <source>Vai trò mới</source>
        <translation>New role</translation>
    </message>
    <message>
        <source>Đổi &amp;vai trò</source>
        <translation>Change &amp;role</translation>
    </message>
    <message>
        <source>Vai trò</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Mật khẩu mới cho tài khoản đã chọn</source>
        <translation>New password for the selected account</translation>
    </message>
    <message>
        <source>Nhập lại mật khẩu mới</source>
        <translation>Repeat the new password</translation>
    </message>
    <message>
        <source>Đặt lại &amp;mật khẩu</source>
        <translation>Reset &amp;password</translation>
    </message>
    <message>
        <source>Mật khẩu mới</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>Nhập lại</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <source>Thêm tài khoản</source>
        <translation>Add an account</translation>
    </message>
    <message>
        <source>Tên đăng nhập mới</source>
        <translation>New username</translation>
    </message>
    <message>
        <source>Họ tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Nhập lại mật khẩu</source>
        <translation>Repeat the password</translation>
    </message>
    <message>
        <source>&amp;Tạo tài khoản</source>
        <translation>&amp;Create account</translation>
    </message>
    <message>
        <source>Tên đăng &amp;nhập</source>
        <translation>User&amp;name</translation>
    </message>
    <message>
        <source>&amp;Họ tên</source>
        <translation>&amp;Full name</translation>
    </message>
    <message>
        <source>Vai t&amp;rò</source>
        <translation>Ro&amp;le</translation>
    </message>
    <message>
        <source>Mật khẩ&amp;u</source>
        <translation>Pass&amp;word</translation>
    </message>
    <message>
        <source>Nhập &amp;lại</source>
        <translation>Repe&amp;at</translation>
    </message>
    <message>
        <source>(chưa chọn)</source>
        <translation>(none chosen)</translation>
    </message>
    <message>
        <source>Khóa tài khoản</source>
        <translation>Lock the account</translation>
    </message>
    <message>
        <source>&amp;Khóa tài khoản</source>
        <translation>Loc&amp;k account</translation>
    </message>
    <message>
        <source>&amp;Mở khóa tài khoản</source>
        <translation>&amp;Unlock account</translation>
    </message>
    <message>
        <source>cần đăng nhập</source>
        <translation>login required</translation>
    </message>
    <message>
        <source>Nhập tên đăng nhập cho tài khoản mới.</source>
        <translation>Enter a username for the new account.</translation>
    </message>
    <message>
        <source>Đã tạo tài khoản %1 (%2).</source>
        <translation>Account %1 created (%2).</translation>
    </message>
    <message>
        <source>đổi mật khẩu của chính mình trong menu tài khoản (cần mật khẩu hiện tại)</source>
        <translation>change your own password from the account menu (your current password is needed)</translation>
    </message>
    <message>
        <source>Đã đặt lại mật khẩu cho %1; báo cho người đó đổi lại khi đăng nhập.</source>
        <translation>Password reset for %1; tell them to change it when they log in.</translation>
    </message>
    <message>
        <source>không tự đổi vai trò của chính mình</source>
        <translation>you cannot change your own role</translation>
    </message>
    <message>
        <source>%1 giờ là %2.</source>
        <translation>%1 is now %2.</translation>
    </message>
    <message>
        <source>Đã khóa tài khoản %1.</source>
        <translation>Account %1 locked.</translation>
    </message>
    <message>
        <source>Đã mở khóa tài khoản %1.</source>
        <translation>Account %1 unlocked.</translation>
    </message>
</context>
<context>
    <name>_ReadingSearch</name>
    <message>
        <source>Lọc theo loại văn bản</source>
        <translation>Filter by type of document</translation>
    </message>
    <message>
        <source>Lọc theo văn bản</source>
        <translation>Filter by document</translation>
    </message>
    <message>
        <source>Ngày cập nhật thư viện</source>
        <translation>Library up to date as of</translation>
    </message>
    <message>
        <source>Nội dung điều luật</source>
        <translation>Text of the article</translation>
    </message>
    <message>
        <source>Chọn một kết quả để đọc điều luật.</source>
        <translation>Choose a result to read the article.</translation>
    </message>
    <message>
        <source>◀ Điều trước</source>
        <translation>◀ Previous article</translation>
    </message>
    <message>
        <source>Điều sau ▶</source>
        <translation>Next article ▶</translation>
    </message>
    <message>
        <source>Sao chép trích dẫn</source>
        <translation>Copy citation</translation>
    </message>
    <message>
        <source>Sao chép ghi chú</source>
        <translation>Copy note</translation>
    </message>
    <message>
        <source>Trích dẫn cho cuộc gọi</source>
        <translation>Cite in the call</translation>
    </message>
    <message>
        <source>Loại:</source>
        <translation>Type:</translation>
    </message>
    <message>
        <source>Văn bản:</source>
        <translation>Document:</translation>
    </message>
    <message>
        <source>Trích dẫn điều đang đọc cho cuộc gọi</source>
        <translation>Cite the article being read in the call</translation>
    </message>
    <message>
        <source>Điều trước</source>
        <translation>Previous article</translation>
    </message>
    <message>
        <source>Điều sau</source>
        <translation>Next article</translation>
    </message>
    <message>
        <source>Mọi loại</source>
        <translation>All types</translation>
    </message>
    <message>
        <source>Mọi văn bản</source>
        <translation>All documents</translation>
    </message>
    <message>
        <source>Thư viện cập nhật đến %1</source>
        <translation>Library up to date as of %1</translation>
    </message>
    <message>
        <source>Không còn văn bản %1 trong thư viện</source>
        <translation>The document %1 is no longer in the library</translation>
    </message>
</context>
<context>
    <name>_SearchArea</name>
    <message>
        <source>Tìm điều luật: “cấm tiếp xúc”, “điều 25 luật pcblgđ”, “13/2022”…</source>
        <translation>Search the law: “cấm tiếp xúc” (no-contact order), “điều 25 luật pcblgđ”, “13/2022”…</translation>
    </message>
    <message>
        <source>Tìm trong thư viện pháp luật</source>
        <translation>Search the legal library</translation>
    </message>
    <message>
        <source>Gõ có dấu hoặc không dấu; mũi tên xuống để vào danh sách kết quả</source>
        <translation>Type with or without accents; Down arrow moves into the results</translation>
    </message>
    <message>
        <source>Chỉ văn bản còn hiệu lực</source>
        <translation>Only documents in force</translation>
    </message>
    <message>
        <source>Kết quả tìm kiếm</source>
        <translation>Search results</translation>
    </message>
    <message>
        <source>Trạng thái tìm kiếm</source>
        <translation>Search status</translation>
    </message>
    <message>
        <source>Không tìm thấy điều nào cho “%1”. Thử bớt từ, gõ không dấu hoặc tên văn bản.</source>
        <translation>No article found for “%1”. Try fewer words, no accents, or the document&apos;s name.</translation>
    </message>
    <message>
        <source>Thư viện trống.</source>
        <translation>The library is empty.</translation>
    </message>
    <message>
        <source>%1 kết quả</source>
        <translation>Results: %1</translation>
    </message>
    <message>
        <source>Lỗi tìm kiếm: %1</source>
        <translation>Search error: %1</translation>
    </message>
    <message>
        <source>Đã sao chép trích dẫn: %1</source>
        <translation>Citation copied: %1</translation>
    </message>
    <message>
        <source>Đã sao chép ghi chú của %1</source>
        <translation>Note on %1 copied</translation>
    </message>
    <message>
        <source>Đã trích dẫn cho cuộc gọi: %1</source>
        <translation>Cited in the call: %1</translation>
    </message>
</context>
<context>
    <name>core.calls</name>
    <message>
        <source>dòng {row}</source>
        <translation>row {row}</translation>
    </message>
    <message>
        <source>tệp</source>
        <translation>file</translation>
    </message>
    <message>
        <source>, cột {column}</source>
        <translation>, column {column}</translation>
    </message>
    <message>
        <source>không đọc được tệp: {error}</source>
        <translation>the file cannot be read: {error}</translation>
    </message>
    <message>
        <source>tệp rỗng</source>
        <translation>the file is empty</translation>
    </message>
    <message>
        <source>thiếu cột bắt buộc. Dòng tiêu đề phải có các cột: {columns}</source>
        <translation>a required column is missing. The header row must have the columns: {columns}</translation>
    </message>
    <message>
        <source>cột bị lặp</source>
        <translation>the column appears twice</translation>
    </message>
    <message>
        <source>cột không thuộc mẫu CSV v1, bỏ qua</source>
        <translation>not a column of the CSV v1 format; ignored</translation>
    </message>
    <message>
        <source>thứ {number}</source>
        <translation>no. {number}</translation>
    </message>
    <message>
        <source>có {cells} ô, tiêu đề có {columns}</source>
        <translation>has {cells} cells, the header has {columns}</translation>
    </message>
    <message>
        <source>id {id} đã có ở dòng {row}</source>
        <translation>id {id} is already used on row {row}</translation>
    </message>
    <message>
        <source>tệp không có dòng dữ liệu nào</source>
        <translation>the file has no data rows</translation>
    </message>
    <message>
        <source>mã không hợp lệ &apos;{value}&apos; (dùng: {allowed})</source>
        <translation>invalid code &apos;{value}&apos; (use: {allowed})</translation>
    </message>
    <message>
        <source>&apos;{id}&apos; không phải mã Hotline; cuộc gọi được cấp mã mới</source>
        <translation>&apos;{id}&apos; is not a Hotline id; the call gets a new id</translation>
    </message>
    <message>
        <source>thiếu thời điểm nhận cuộc gọi</source>
        <translation>the time the call was received is missing</translation>
    </message>
    <message>
        <source>ngày giờ không hợp lệ &apos;{value}&apos; (dùng 2026-03-05T09:15:00+07:00 hoặc 05/03/2026 09:15)</source>
        <translation>invalid date and time &apos;{value}&apos; (use 2026-03-05T09:15:00+07:00 or 05/03/2026 09:15)</translation>
    </message>
    <message>
        <source>ngày giờ không hợp lệ &apos;{value}&apos;</source>
        <translation>invalid date and time &apos;{value}&apos;</translation>
    </message>
    <message>
        <source>thời lượng phải là số giây, ví dụ 240 (có &apos;{value}&apos;)</source>
        <translation>the duration must be a number of seconds, e.g. 240 (found &apos;{value}&apos;)</translation>
    </message>
    <message>
        <source>vấn đề không hợp lệ &apos;{value}&apos;</source>
        <translation>invalid issue &apos;{value}&apos;</translation>
    </message>
    <message>
        <source>thiếu vấn đề của cuộc gọi</source>
        <translation>the call&apos;s issues are missing</translation>
    </message>
    <message>
        <source>không có tỉnh/thành phố &apos;{name}&apos;</source>
        <translation>there is no province or city &apos;{name}&apos;</translation>
    </message>
    <message>
        <source>thiếu mức độ tư vấn/can thiệp</source>
        <translation>the level of support is missing</translation>
    </message>
    <message>
        <source>cuộc gọi #{id} đã có với nội dung khác; dùng --new-ids để nhập thành cuộc gọi mới</source>
        <translation>call #{id} already exists with different content; use --new-ids to import it as a new call</translation>
    </message>
    <message>
        <source>Cuộc gọi #{id} đã được sửa ở nơi khác (phiên bản {version}); hãy mở lại để xem bản mới nhất.</source>
        <translation>Call #{id} was changed elsewhere (version {version}); open it again to see the latest version.</translation>
    </message>
    <message>
        <source>trạng thái chuyển tuyến không hợp lệ &apos;{status}&apos;</source>
        <translation>invalid referral status &apos;{status}&apos;</translation>
    </message>
    <message>
        <source>Không có cuộc gọi #{id}</source>
        <translation>There is no call #{id}</translation>
    </message>
    <message>
        <source>trạng thái chuyển tuyến không hợp lệ: {status}</source>
        <translation>invalid referral status: {status}</translation>
    </message>
    <message>
        <source>ngày không hợp lệ &apos;{value}&apos; (dùng YYYY-MM-DD)</source>
        <translation>invalid date &apos;{value}&apos; (use YYYY-MM-DD)</translation>
    </message>
    <message>
        <source>mã không hợp lệ &apos;{value}&apos; (dùng một trong: {allowed})</source>
        <translation>invalid code &apos;{value}&apos; (use one of: {allowed})</translation>
    </message>
    <message>
        <source>chọn ít nhất một vấn đề của cuộc gọi</source>
        <translation>choose at least one issue for the call</translation>
    </message>
    <message>
        <source>không có tỉnh/thành phố mã &apos;{code}&apos; (34 tỉnh thành từ 01/07/2025)</source>
        <translation>there is no province or city with code &apos;{code}&apos; (the 34 provinces and cities since 01/07/2025)</translation>
    </message>
    <message>
        <source>không có xã/phường mã &apos;{code}&apos;</source>
        <translation>there is no commune or ward with code &apos;{code}&apos;</translation>
    </message>
    <message>
        <source>xã/phường &apos;{name}&apos; không thuộc tỉnh đã chọn</source>
        <translation>the commune or ward &apos;{name}&apos; is not in the chosen province</translation>
    </message>
    <message>
        <source>thiếu tên dịch vụ được chuyển tuyến</source>
        <translation>the name of the service referred to is missing</translation>
    </message>
    <message>
        <source>trạng thái chuyển tuyến không hợp lệ &apos;{status}&apos; (dùng: {allowed})</source>
        <translation>invalid referral status &apos;{status}&apos; (use: {allowed})</translation>
    </message>
    <message>
        <source>thiếu múi giờ (ví dụ +07:00)</source>
        <translation>the time zone is missing (e.g. +07:00)</translation>
    </message>
    <message>
        <source>thời lượng không thể âm</source>
        <translation>the duration cannot be negative</translation>
    </message>
    <message>
        <source>thiếu múi giờ</source>
        <translation>the time zone is missing</translation>
    </message>
    <message>
        <source>thời gian theo dõi đã ở trong quá khứ</source>
        <translation>the follow-up time is in the past</translation>
    </message>
</context>
<context>
    <name>core.directory</name>
    <message>
        <source> (có: {names})</source>
        <translation> (found: {names})</translation>
    </message>
    <message>
        <source>không thấy services.csv (HSDS) hay một tệp CSV danh bạ duy nhất{detail}</source>
        <translation>found neither services.csv (HSDS) nor a single directory CSV file{detail}</translation>
    </message>
    <message>
        <source>định dạng không hỗ trợ: {format} (dùng flat hoặc hsds)</source>
        <translation>unsupported format: {format} (use flat or hsds)</translation>
    </message>
    <message>
        <source>thiếu cột bắt buộc: {missing} (các cột: {columns})</source>
        <translation>required columns missing: {missing} (the columns: {columns})</translation>
    </message>
    <message>
        <source>cột không dùng, bỏ qua</source>
        <translation>unused columns; ignored</translation>
    </message>
    <message>
        <source>không có tỉnh/thành phố &apos;{value}&apos; (dùng mã 2 chữ số hoặc tên, ví dụ 01 hoặc Hà Nội)</source>
        <translation>there is no province or city &apos;{value}&apos; (use the 2-digit code or the name, e.g. 01 or Hà Nội)</translation>
    </message>
    <message>
        <source>không có tỉnh/thành phố &apos;{value}&apos;</source>
        <translation>there is no province or city &apos;{value}&apos;</translation>
    </message>
    <message>
        <source>không có xã/phường &apos;{value}&apos; thuộc {province} trong danh mục từ 01/07/2025</source>
        <translation>there is no commune or ward &apos;{value}&apos; in {province} in the list in force since 01/07/2025</translation>
    </message>
    <message>
        <source>không có xã/phường &apos;{value}&apos; trong danh mục từ 01/07/2025</source>
        <translation>there is no commune or ward &apos;{value}&apos; in the list in force since 01/07/2025</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; không phải 1/0 (có/không)</source>
        <translation>&apos;{value}&apos; is not 1/0 (yes/no)</translation>
    </message>
    <message>
        <source>ngày không hợp lệ &apos;{value}&apos; (dùng YYYY-MM-DD)</source>
        <translation>invalid date &apos;{value}&apos; (use YYYY-MM-DD)</translation>
    </message>
    <message>
        <source>chưa có nhóm dịch vụ</source>
        <translation>no type of service yet</translation>
    </message>
    <message>
        <source>giờ không hợp lệ &apos;{value}&apos; (dùng HH:MM, ví dụ 07:30)</source>
        <translation>invalid time &apos;{value}&apos; (use HH:MM, e.g. 07:30)</translation>
    </message>
    <message>
        <source>giờ không hợp lệ &apos;{value}&apos;</source>
        <translation>invalid time &apos;{value}&apos;</translation>
    </message>
    <message>
        <source>không hiểu ngày &apos;{value}&apos; (dùng Mo…Su hoặc T2…T7, CN)</source>
        <translation>day &apos;{value}&apos; not understood (use Mo…Su, or T2…T7 and CN)</translation>
    </message>
    <message>
        <source>khoảng ngày không hợp lệ &apos;{value}&apos;</source>
        <translation>invalid range of days &apos;{value}&apos;</translation>
    </message>
    <message>
        <source>khoảng giờ không hợp lệ &apos;{value}&apos; (dùng 07:30-17:00)</source>
        <translation>invalid range of hours &apos;{value}&apos; (use 07:30-17:00)</translation>
    </message>
    <message>
        <source>khoảng giờ &apos;{value}&apos; bắt đầu và kết thúc cùng lúc</source>
        <translation>the range of hours &apos;{value}&apos; starts and ends at the same time</translation>
    </message>
    <message>
        <source>không hiểu &apos;{value}&apos; (ví dụ: Mo-Fr 07:30-17:00; Sa 07:30-11:30)</source>
        <translation>&apos;{value}&apos; not understood (for example: Mo-Fr 07:30-17:00; Sa 07:30-11:30)</translation>
    </message>
    <message>
        <source>không thấy services.csv: đây không phải bộ dữ liệu HSDS</source>
        <translation>services.csv not found: this is not an HSDS data set</translation>
    </message>
    <message>
        <source>thiếu cột bắt buộc: {missing}</source>
        <translation>required columns missing: {missing}</translation>
    </message>
    <message>
        <source>thiếu mã dịch vụ</source>
        <translation>the service id is missing</translation>
    </message>
    <message>
        <source>không có địa điểm &apos;{id}&apos;</source>
        <translation>there is no location &apos;{id}&apos;</translation>
    </message>
    <message>
        <source>thuật ngữ &apos;{term}&apos; không thuộc nhóm dịch vụ của Hotline: bỏ qua (hãy gán nhóm sau khi nhập)</source>
        <translation>the term &apos;{term}&apos; is not one of Hotline&apos;s types of service: ignored (assign a type after the import)</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; chưa có nhóm dịch vụ</source>
        <translation>&apos;{name}&apos; has no type of service yet</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; không có địa chỉ: coi là dịch vụ toàn quốc</source>
        <translation>&apos;{name}&apos; has no address: treated as a nationwide service</translation>
    </message>
    <message>
        <source>số &apos;{number}&apos;: {problem}</source>
        <translation>number &apos;{number}&apos;: {problem}</translation>
    </message>
    <message>
        <source>không có xã/phường &apos;{ward}&apos; thuộc {province} trong danh mục từ 01/07/2025: giữ trong địa chỉ</source>
        <translation>there is no commune or ward &apos;{ward}&apos; in {province} in the list in force since 01/07/2025: kept in the address</translation>
    </message>
    <message>
        <source>địa chỉ ngoài Việt Nam ({country}): để trống tỉnh, giữ nguyên địa chỉ</source>
        <translation>address outside Vietnam ({country}): province left empty, address kept as it is</translation>
    </message>
    <message>
        <source>địa chỉ không xác định được tỉnh/thành phố: để trống tỉnh, giữ nguyên địa chỉ</source>
        <translation>the address names no recognisable province or city: province left empty, address kept as it is</translation>
    </message>
    <message>
        <source>lịch không đọc được thành giờ theo tuần: ghi vào ghi chú</source>
        <translation>the schedule cannot be read as weekly hours: written into the notes</translation>
    </message>
    <message>
        <source>số thứ {index} &apos;{number}&apos;: {problem}</source>
        <translation>number {index} &apos;{number}&apos;: {problem}</translation>
    </message>
    <message>
        <source>cần có tên</source>
        <translation>a name is needed</translation>
    </message>
    <message>
        <source>mã &apos;{id}&apos; chỉ gồm chữ, số và . : @ - _</source>
        <translation>the id &apos;{id}&apos; may only contain letters, digits and . : @ - _</translation>
    </message>
    <message>
        <source>nhóm dịch vụ không có trong danh mục: &apos;{code}&apos; (dùng: {allowed})</source>
        <translation>type of service not in the list: &apos;{code}&apos; (use: {allowed})</translation>
    </message>
    <message>
        <source>mã tỉnh/thành phố &apos;{code}&apos; không có trong danh mục 34 tỉnh, thành phố từ 01/07/2025</source>
        <translation>the province code &apos;{code}&apos; is not in the list of 34 provinces and cities in force since 01/07/2025</translation>
    </message>
    <message>
        <source>mã xã/phường &apos;{code}&apos; không có trong danh mục 3.321 xã, phường từ 01/07/2025</source>
        <translation>the commune/ward code &apos;{code}&apos; is not in the list of 3,321 communes and wards in force since 01/07/2025</translation>
    </message>
    <message>
        <source>{ward} ({code}) thuộc {province}, không thuộc {chosen}</source>
        <translation>{ward} ({code}) is in {province}, not in {chosen}</translation>
    </message>
    <message>
        <source>ngày xác minh ở tương lai</source>
        <translation>the verification date is in the future</translation>
    </message>
    <message>
        <source>mục này vừa được sửa ở nơi khác; hãy mở lại để xem bản mới nhất</source>
        <translation>this entry was just changed elsewhere; open it again to see the latest version</translation>
    </message>
    <message>
        <source>Không có mục danh bạ &apos;{id}&apos;</source>
        <translation>There is no directory entry &apos;{id}&apos;</translation>
    </message>
    <message>
        <source>dòng {row}</source>
        <translation>row {row}</translation>
    </message>
    <message>
        <source>cột {column}</source>
        <translation>column {column}</translation>
    </message>
    <message>
        <source>{created} mục mới, {updated} mục cập nhật, {unchanged} mục không đổi, {duplicates} mục trùng bị bỏ qua, {warnings} cảnh báo</source>
        <translation>{created} new entries, {updated} updated, {unchanged} unchanged, {duplicates} duplicates skipped, {warnings} warnings</translation>
    </message>
    <message>
        <source>tệp rỗng</source>
        <translation>the file is empty</translation>
    </message>
    <message>
        <source>có {cells} ô nhưng tiêu đề chỉ có {columns} cột</source>
        <translation>has {cells} cells but the header has only {columns} columns</translation>
    </message>
    <message>
        <source>không tìm thấy tệp hoặc thư mục</source>
        <translation>file or folder not found</translation>
    </message>
    <message>
        <source>tệp zip bị hỏng hoặc không đọc được ({problem})</source>
        <translation>the zip file is damaged or cannot be read ({problem})</translation>
    </message>
    <message>
        <source>không đọc được tệp: {problem}</source>
        <translation>the file cannot be read: {problem}</translation>
    </message>
    <message>
        <source>mã &apos;{id}&apos; trùng với dòng {row}</source>
        <translation>the id &apos;{id}&apos; is the same as on row {row}</translation>
    </message>
    <message>
        <source>trùng với dòng {row} (&apos;{name}&apos;, cùng tên và số điện thoại): bỏ qua</source>
        <translation>same as row {row} (&apos;{name}&apos;, same name and phone number): skipped</translation>
    </message>
    <message>
        <source>đã có trong danh bạ: &apos;{name}&apos; (mã {id}), cùng tên và số điện thoại: bỏ qua</source>
        <translation>already in the directory: &apos;{name}&apos; (id {id}), same name and phone number: skipped</translation>
    </message>
</context>
<context>
    <name>core.files</name>
    <message>
        <source>tệp Excel bị hỏng hoặc không đọc được ({problem})</source>
        <translation>the Excel file is damaged or cannot be read ({problem})</translation>
    </message>
    <message>
        <source>tệp Excel không có trang tính nào</source>
        <translation>the Excel file has no worksheet</translation>
    </message>
    <message>
        <source>Tệp Excel có {count} trang tính: chỉ đọc trang đầu tiên &apos;{sheet}&apos;</source>
        <translation>The Excel file has {count} worksheets: only the first one, &apos;{sheet}&apos;, was read</translation>
    </message>
    <message>
        <source>Tệp dùng bảng mã {encoding} — đã chuyển sang Unicode</source>
        <translation>The file uses the {encoding} encoding — converted to Unicode</translation>
    </message>
    <message>
        <source>Văn bản dùng phông {encoding} ({fonts}) — đã chuyển sang Unicode</source>
        <translation>The text uses {encoding} fonts ({fonts}) — converted to Unicode</translation>
    </message>
    <message>
        <source>không phải tệp văn bản (có byte nhị phân)</source>
        <translation>not a text file (it contains binary bytes)</translation>
    </message>
    <message>
        <source>đây là tệp {kind}, không phải tệp văn bản/CSV — hãy mở bằng chương trình của nó và lưu lại dạng &apos;CSV UTF-8&apos;</source>
        <translation>this is {kind}, not a text/CSV file — open it in its own program and save it again as &apos;CSV UTF-8&apos;</translation>
    </message>
    <message>
        <source>tệp {encoding} bị hỏng hoặc trộn lẫn bảng mã khác (có byte không hợp lệ) — hãy lưu lại tệp dạng UTF-8</source>
        <translation>the {encoding} file is damaged or mixes in another encoding (it has invalid bytes) — save the file again as UTF-8</translation>
    </message>
    <message>
        <source>không nhận ra bảng mã của tệp: dòng này không đọc thành chữ tiếng Việt ở bảng mã nào (UTF-8, Windows-1258, TCVN3, VNI) — hãy lưu lại tệp dạng UTF-8</source>
        <translation>the file&apos;s encoding is not recognised: this line reads as Vietnamese in none of the encodings (UTF-8, Windows-1258, TCVN3, VNI) — save the file again as UTF-8</translation>
    </message>
    <message>
        <source>dòng {line}: {reason}</source>
        <translation>line {line}: {reason}</translation>
    </message>
    <message>
        <source>Office cũ (.xls/.doc)</source>
        <translation>an old Office file (.xls/.doc)</translation>
    </message>
    <message>
        <source>tài liệu PDF</source>
        <translation>a PDF document</translation>
    </message>
    <message>
        <source>văn bản RTF</source>
        <translation>an RTF document</translation>
    </message>
    <message>
        <source>văn bản Word (.docx)</source>
        <translation>a Word document (.docx)</translation>
    </message>
    <message>
        <source>ảnh PNG</source>
        <translation>a PNG image</translation>
    </message>
    <message>
        <source>ảnh JPEG</source>
        <translation>a JPEG image</translation>
    </message>
    <message>
        <source>ảnh GIF</source>
        <translation>a GIF image</translation>
    </message>
    <message>
        <source>bảng tính Excel (.xlsx)</source>
        <translation>an Excel workbook (.xlsx)</translation>
    </message>
    <message>
        <source>nén (.zip)</source>
        <translation>a compressed file (.zip)</translation>
    </message>
    <message>
        <source>CSV hỏng: {problem}</source>
        <translation>damaged CSV: {problem}</translation>
    </message>
</context>
<context>
    <name>core.library</name>
    <message>
        <source>{file}, dòng {line}: {problem}</source>
        <translation>{file}, line {line}: {problem}</translation>
    </message>
    <message>
        <source>dòng thụt lề không thuộc trường nào</source>
        <translation>an indented line that belongs to no field</translation>
    </message>
    <message>
        <source>cần &apos;tên: giá trị&apos;, gặp {line}</source>
        <translation>expected &apos;name: value&apos;, found {line}</translation>
    </message>
    <message>
        <source>trường không biết &apos;{key}&apos; (dùng: {allowed})</source>
        <translation>unknown field &apos;{key}&apos; (use: {allowed})</translation>
    </message>
    <message>
        <source>trường &apos;{key}&apos; lặp lại</source>
        <translation>the field &apos;{key}&apos; appears twice</translation>
    </message>
    <message>
        <source>{file}: thiếu trường bắt buộc &apos;{key}&apos;</source>
        <translation>{file}: the required field &apos;{key}&apos; is missing</translation>
    </message>
    <message>
        <source>{file}: trường &apos;{key}&apos; phải là ngày YYYY-MM-DD, gặp {value}</source>
        <translation>{file}: the field &apos;{key}&apos; must be a YYYY-MM-DD date, found {value}</translation>
    </message>
    <message>
        <source>{file}: source phải là địa chỉ http(s)://…, cách nhau bằng &apos;;&apos;, gặp {value}</source>
        <translation>{file}: source must be http(s)://… addresses separated by &apos;;&apos;, found {value}</translation>
    </message>
    <message>
        <source>{file}: status &apos;{status}&apos; không hợp lệ (dùng: {allowed})</source>
        <translation>{file}: invalid status &apos;{status}&apos; (use: {allowed})</translation>
    </message>
    <message>
        <source>{file}: văn bản bị thay thế phải có replaced_by</source>
        <translation>{file}: a replaced document needs replaced_by</translation>
    </message>
    <message>
        <source>dòng &apos;===&apos; cần tên mục, ví dụ &apos;=== Điều 25. Cấm tiếp xúc&apos;</source>
        <translation>a &apos;===&apos; line needs the entry&apos;s name, e.g. &apos;=== Điều 25. Cấm tiếp xúc&apos;</translation>
    </message>
    <message>
        <source>mục &apos;{label}&apos; lặp lại</source>
        <translation>the entry &apos;{label}&apos; appears twice</translation>
    </message>
    <message>
        <source>mục &apos;{label}&apos; chưa có ghi chú tư vấn</source>
        <translation>the entry &apos;{label}&apos; has no counselling note yet</translation>
    </message>
    <message>
        <source>{file}: không có mục nào (mỗi mục mở đầu bằng &apos;===&apos;)</source>
        <translation>{file}: no entries (each entry starts with &apos;===&apos;)</translation>
    </message>
    <message>
        <source>{file}: không phải UTF-8 ({problem})</source>
        <translation>{file}: not UTF-8 ({problem})</translation>
    </message>
    <message>
        <source>{file}: trùng số ký hiệu với {other}</source>
        <translation>{file}: the same document number as {other}</translation>
    </message>
    <message>
        <source>không đọc được loại tệp &apos;{suffix}&apos; — chỉ nhập được {supported}</source>
        <translation>files of type &apos;{suffix}&apos; cannot be read — only {supported} can be imported</translation>
    </message>
    <message>
        <source>(không có đuôi)</source>
        <translation>(no extension)</translation>
    </message>
    <message>
        <source>không tìm thấy tệp</source>
        <translation>file not found</translation>
    </message>
    <message>
        <source>không mở được tệp ({problem})</source>
        <translation>the file cannot be opened ({problem})</translation>
    </message>
    <message>
        <source>là một thư mục, không phải tệp</source>
        <translation>is a folder, not a file</translation>
    </message>
    <message>
        <source>tệp rỗng</source>
        <translation>the file is empty</translation>
    </message>
    <message>
        <source>tệp quá lớn ({size} MB)</source>
        <translation>the file is too large ({size} MB)</translation>
    </message>
    <message>
        <source>không đọc được tệp ({problem})</source>
        <translation>the file cannot be read ({problem})</translation>
    </message>
    <message>
        <source>không có nội dung chữ</source>
        <translation>it contains no text</translation>
    </message>
    <message>
        <source>tệp .docx bị hỏng hoặc không phải .docx ({problem})</source>
        <translation>the .docx file is damaged or is not a .docx file ({problem})</translation>
    </message>
    <message>
        <source>tệp .docx bị hỏng ({problem})</source>
        <translation>the .docx file is damaged ({problem})</translation>
    </message>
    <message>
        <source>PDF được bảo vệ bằng mật khẩu — hãy bỏ mật khẩu rồi nhập lại</source>
        <translation>the PDF is password-protected — remove the password, then import it again</translation>
    </message>
    <message>
        <source>tệp PDF bị hỏng hoặc không phải PDF ({problem})</source>
        <translation>the PDF file is damaged or is not a PDF ({problem})</translation>
    </message>
    <message>
        <source>không đọc được trang {page} của PDF ({problem})</source>
        <translation>page {page} of the PDF cannot be read ({problem})</translation>
    </message>
    <message>
        <source>PDF không có trang nào</source>
        <translation>the PDF has no pages</translation>
    </message>
    <message>
        <source>PDF không có lớp chữ ({pages} trang chỉ có hình ảnh — bản scan). Cần nhận dạng chữ (OCR) trước khi nhập</source>
        <translation>the PDF has no text layer ({pages} pages of images only — a scan). It needs text recognition (OCR) before it can be imported</translation>
    </message>
    <message>
        <source>không phải tệp HTML (có byte nhị phân)</source>
        <translation>not an HTML file (it contains binary bytes)</translation>
    </message>
    <message>
        <source>không có văn bản &apos;{id}&apos; trong thư viện</source>
        <translation>there is no document &apos;{id}&apos; in the library</translation>
    </message>
    <message>
        <source>không có điều/mục #{id} trong thư viện</source>
        <translation>there is no article or section #{id} in the library</translation>
    </message>
    <message>
        <source>{file}: không có nội dung chữ</source>
        <translation>{file}: it contains no text</translation>
    </message>
    <message>
        <source>không thấy &apos;Điều N.&apos;: văn bản được chia theo đề mục/đoạn</source>
        <translation>no &apos;Điều N.&apos; (article) found: the document is divided by headings and paragraphs</translation>
    </message>
    <message>
        <source>văn bản đóng gói không sửa được ở đây; hãy sửa tệp trong resources/library/</source>
        <translation>a bundled document cannot be edited here; edit its file in resources/library/</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; là văn bản có sẵn của thư viện, không xóa được (chỉ xóa được tài liệu trung tâm đã nhập)</source>
        <translation>&apos;{name}&apos; is one of the library&apos;s built-in documents and cannot be deleted (only documents the center imported can be)</translation>
    </message>
    <message>
        <source>cần tên văn bản (tiêu đề)</source>
        <translation>the document needs a name (title)</translation>
    </message>
    <message>
        <source>trạng thái &apos;{status}&apos; không hợp lệ (dùng: {allowed})</source>
        <translation>invalid status &apos;{status}&apos; (use: {allowed})</translation>
    </message>
    <message>
        <source>ngày ban hành</source>
        <translation>the issue date</translation>
    </message>
    <message>
        <source>ngày hiệu lực</source>
        <translation>the effective date</translation>
    </message>
    <message>
        <source>{field} phải có dạng YYYY-MM-DD, gặp {value}</source>
        <translation>{field} must be written YYYY-MM-DD, found {value}</translation>
    </message>
    <message>
        <source>văn bản đã bị thay thế: ghi số ký hiệu văn bản thay thế</source>
        <translation>the document has been replaced: enter the number of the document that replaces it</translation>
    </message>
</context>
<context>
    <name>core.phones</name>
    <message>
        <source>Tổng đài quốc gia bảo vệ trẻ em</source>
        <translation>National child protection hotline</translation>
    </message>
    <message>
        <source>Tìm kiếm cứu nạn</source>
        <translation>Search and rescue</translation>
    </message>
    <message>
        <source>Công an</source>
        <translation>Police</translation>
    </message>
    <message>
        <source>Cứu hỏa, cứu nạn cứu hộ</source>
        <translation>Fire and rescue</translation>
    </message>
    <message>
        <source>Cấp cứu y tế</source>
        <translation>Medical emergency (ambulance)</translation>
    </message>
    <message>
        <source>Hỗ trợ tra cứu số điện thoại</source>
        <translation>Directory enquiries</translation>
    </message>
    <message>
        <source>Tổng đài dịch vụ công</source>
        <translation>Public services hotline</translation>
    </message>
    <message>
        <source>Trợ giúp pháp lý (Bộ Tư pháp)</source>
        <translation>Legal aid (Ministry of Justice)</translation>
    </message>
    <message>
        <source>Tổng đài tư vấn, hỗ trợ trẻ em</source>
        <translation>Child counselling and support hotline</translation>
    </message>
    <message>
        <source>Tổng đài quốc gia về phòng, chống bạo lực gia đình</source>
        <translation>National domestic violence prevention hotline</translation>
    </message>
    <message>
        <source>Đường dây hỗ trợ phụ nữ (Ngôi nhà Bình yên)</source>
        <translation>Women&apos;s support line (Peace House)</translation>
    </message>
    <message>
        <source>Số điện thoại chỉ gồm chữ số, dấu cách, dấu chấm hoặc gạch nối</source>
        <translation>A phone number contains only digits, spaces, dots or hyphens</translation>
    </message>
    <message>
        <source>Số điện thoại không được chứa chữ cái</source>
        <translation>A phone number cannot contain letters</translation>
    </message>
    <message>
        <source>Không đọc được số điện thoại</source>
        <translation>The phone number cannot be read</translation>
    </message>
    <message>
        <source>Số điện thoại không hợp lệ (di động 10 số; cố định 0 + mã vùng 2xx)</source>
        <translation>Invalid phone number (mobiles have 10 digits; landlines are 0 + area code 2xx)</translation>
    </message>
    <message>
        <source>Số điện thoại quá ngắn (di động có 10 chữ số, ví dụ 0912 345 678)</source>
        <translation>The phone number is too short (mobiles have 10 digits, e.g. 0912 345 678)</translation>
    </message>
    <message>
        <source>Số điện thoại quá dài (di động có 10 chữ số, cố định 11 chữ số)</source>
        <translation>The phone number is too long (mobiles have 10 digits, landlines 11)</translation>
    </message>
</context>
<context>
    <name>core.reports</name>
    <message>
        <source>kỳ báo cáo không hợp lệ: {start} sau {end}</source>
        <translation>invalid reporting period: {start} is after {end}</translation>
    </message>
    <message>
        <source>loại kỳ không hợp lệ: {kind} (dùng: {allowed})</source>
        <translation>invalid kind of period: {kind} (use: {allowed})</translation>
    </message>
</context>
<context>
    <name>core.security</name>
    <message>
        <source>cần đăng nhập</source>
        <translation>login required</translation>
    </message>
    <message>
        <source>đã có tài khoản; quản trị viên tạo thêm tài khoản</source>
        <translation>accounts already exist; an administrator creates further accounts</translation>
    </message>
    <message>
        <source>chỉ quản trị viên tạo được tài khoản quản trị</source>
        <translation>only an administrator can create administrator accounts</translation>
    </message>
    <message>
        <source>tên đăng nhập không được trống</source>
        <translation>the user name cannot be empty</translation>
    </message>
    <message>
        <source>tên đăng nhập &apos;{username}&apos; đã có</source>
        <translation>the user name &apos;{username}&apos; is already taken</translation>
    </message>
    <message>
        <source>cần mật khẩu hiện tại</source>
        <translation>the current password is needed</translation>
    </message>
    <message>
        <source>chỉ quản trị viên cấp quyền quản trị</source>
        <translation>only an administrator can grant administrator rights</translation>
    </message>
    <message>
        <source>không thể tự khóa tài khoản của mình</source>
        <translation>you cannot lock your own account</translation>
    </message>
    <message>
        <source>không có tài khoản &apos;{username}&apos;</source>
        <translation>there is no account &apos;{username}&apos;</translation>
    </message>
    <message>
        <source>chỉ quản trị viên thay đổi được tài khoản quản trị</source>
        <translation>only an administrator can change administrator accounts</translation>
    </message>
    <message>
        <source>sai tên đăng nhập hoặc mật khẩu</source>
        <translation>wrong user name or password</translation>
    </message>
    <message>
        <source>tài khoản đã bị khóa; liên hệ lãnh đạo trung tâm</source>
        <translation>the account is locked; contact the center&apos;s head</translation>
    </message>
    <message>
        <source>đăng nhập sai quá {failures} lần; thử lại sau {minutes} phút</source>
        <translation>more than {failures} failed logins; try again in {minutes} minutes</translation>
    </message>
    <message>
        <source>mật khẩu phải có ít nhất {count} ký tự</source>
        <translation>the password must have at least {count} characters</translation>
    </message>
    <message>
        <source>điểm kiểm tra giữa chuỗi</source>
        <translation>a checkpoint in the middle of the chain</translation>
    </message>
    <message>
        <source>thiếu mục (bị xóa)</source>
        <translation>an entry is missing (deleted)</translation>
    </message>
    <message>
        <source>chuỗi băm bị đứt</source>
        <translation>the hash chain is broken</translation>
    </message>
    <message>
        <source>nội dung mục đã bị sửa</source>
        <translation>an entry&apos;s content was changed</translation>
    </message>
    <message>
        <source>không có tệp sao lưu {path}</source>
        <translation>there is no backup file {path}</translation>
    </message>
    <message>
        <source>bản sao lưu bị hỏng: {problem}</source>
        <translation>the backup is damaged: {problem}</translation>
    </message>
    <message>
        <source>bản sao lưu bị hỏng ({count} trang sai)</source>
        <translation>the backup is damaged ({count} bad pages)</translation>
    </message>
    <message>
        <source>không mở được bản sao lưu (sai khóa hoặc tệp hỏng): {problem}</source>
        <translation>the backup cannot be opened (wrong key or damaged file): {problem}</translation>
    </message>
    <message>
        <source>cụm mật khẩu phải có ít nhất 10 ký tự</source>
        <translation>the passphrase must have at least 10 characters</translation>
    </message>
    <message>
        <source>Kho khóa của hệ điều hành không dùng được ({problem}); hãy đặt một cụm mật khẩu để mã hóa dữ liệu.</source>
        <translation>The operating system&apos;s keyring cannot be used ({problem}); set a passphrase to encrypt the data.</translation>
    </message>
    <message>
        <source>Máy này không có kho khóa an toàn của hệ điều hành; hãy đặt một cụm mật khẩu để mã hóa dữ liệu.</source>
        <translation>This computer has no secure operating system keyring; set a passphrase to encrypt the data.</translation>
    </message>
    <message>
        <source>thiếu tệp key.json: dùng khóa khôi phục để mở dữ liệu</source>
        <translation>the key.json file is missing: use the recovery key to open the data</translation>
    </message>
    <message>
        <source>Nhập cụm mật khẩu để mở dữ liệu.</source>
        <translation>Enter the passphrase to open the data.</translation>
    </message>
    <message>
        <source>{problem}. Dùng khóa khôi phục để mở dữ liệu.</source>
        <translation>{problem}. Use the recovery key to open the data.</translation>
    </message>
    <message>
        <source>không tìm thấy khóa trong kho khóa của hệ điều hành (máy mới hoặc cài lại?). Dùng khóa khôi phục: hotline key recover</source>
        <translation>the key is not in the operating system&apos;s keyring (a new or reinstalled computer?). Use the recovery key: hotline key recover</translation>
    </message>
    <message>
        <source>Máy này không có kho khóa an toàn; mở dữ liệu bằng khóa khôi phục mỗi lần, hoặc đổi sang cụm mật khẩu.</source>
        <translation>This computer has no secure keyring; open the data with the recovery key each time, or switch to a passphrase.</translation>
    </message>
    <message>
        <source>khóa khôi phục không đúng định dạng</source>
        <translation>the recovery key is not in the right format</translation>
    </message>
    <message>
        <source>khóa khôi phục sai (kiểm tra lại từng nhóm ký tự)</source>
        <translation>wrong recovery key (check each group of characters again)</translation>
    </message>
    <message>
        <source>bản mã hóa không toàn vẹn</source>
        <translation>the encrypted copy is not intact</translation>
    </message>
    <message>
        <source>bản mã hóa thiếu dữ liệu</source>
        <translation>the encrypted copy is missing data</translation>
    </message>
    <message>
        <source>cơ sở dữ liệu chưa được mã hóa</source>
        <translation>the database is not encrypted yet</translation>
    </message>
    <message>
        <source>cần cụm mật khẩu mới</source>
        <translation>a new passphrase is needed</translation>
    </message>
    <message>
        <source>khóa khôi phục không mở được dữ liệu này</source>
        <translation>the recovery key does not open this data</translation>
    </message>
    <message>
        <source>khóa không mở được dữ liệu này</source>
        <translation>the key does not open this data</translation>
    </message>
    <message>
        <source>không có cơ sở dữ liệu {path}</source>
        <translation>there is no database {path}</translation>
    </message>
    <message>
        <source>thời hạn lưu trữ phải từ 1 năm trở lên</source>
        <translation>the retention period must be 1 year or more</translation>
    </message>
    <message>
        <source>tài khoản vai trò &apos;{role}&apos; không được phép: {permission}</source>
        <translation>an account with the role &apos;{role}&apos; is not allowed to: {permission}</translation>
    </message>
    <message>
        <source>không có kho khóa an toàn của hệ điều hành ({backend})</source>
        <translation>there is no secure operating system keyring ({backend})</translation>
    </message>
    <message>
        <source>kho khóa của hệ điều hành không trả lời: {problem}</source>
        <translation>the operating system&apos;s keyring does not answer: {problem}</translation>
    </message>
    <message>
        <source>không lưu được vào kho khóa: {problem}</source>
        <translation>could not save to the keyring: {problem}</translation>
    </message>
</context>
<context>
    <name>core.store</name>
    <message>
        <source>Sai cụm mật khẩu hoặc khóa mã hóa (hoặc tệp dữ liệu bị hỏng): không mở được {path}. Không có gì bị thay đổi.</source>
        <translation>Wrong passphrase or encryption key (or a damaged data file): {path} cannot be opened. Nothing was changed.</translation>
    </message>
    <message>
        <source>Không mở được cơ sở dữ liệu {path}: {problem}. Tệp có thể bị hỏng; hãy khôi phục từ bản sao lưu.</source>
        <translation>The database {path} cannot be opened: {problem}. The file may be damaged; restore it from a backup.</translation>
    </message>
</context>
<context>
    <name>core.sync</name>
    <message>
        <source>không lưu được mật khẩu SMTP vào kho khóa của hệ điều hành: {problem}</source>
        <translation>could not save the SMTP password in the operating system&apos;s keyring: {problem}</translation>
    </message>
    <message>
        <source>không đọc được mật khẩu SMTP từ kho khóa của hệ điều hành: {problem}</source>
        <translation>could not read the SMTP password from the operating system&apos;s keyring: {problem}</translation>
    </message>
    <message>
        <source>chưa lưu mật khẩu SMTP cho {account} trong kho khóa của hệ điều hành (hotline sync --set-smtp-password)</source>
        <translation>no SMTP password for {account} is saved in the operating system&apos;s keyring (hotline sync --set-smtp-password)</translation>
    </message>
    <message>
        <source>máy chủ thư không hỗ trợ AUTH PLAIN, cần cho mật khẩu có ký tự ngoài ASCII; hãy dùng mật khẩu không dấu</source>
        <translation>the mail server does not support AUTH PLAIN, which a password with non-ASCII characters needs; use a password without accents</translation>
    </message>
    <message>
        <source>kiểu bảo mật SMTP không hợp lệ &apos;{security}&apos; (dùng: {allowed})</source>
        <translation>invalid SMTP security &apos;{security}&apos; (use: {allowed})</translation>
    </message>
    <message>
        <source>SMTP không mã hóa chỉ được dùng với máy chủ chuyển tiếp trên chính máy này (localhost); hãy chọn STARTTLS hoặc SSL</source>
        <translation>unencrypted SMTP may only be used with a relay on this same computer (localhost); choose STARTTLS or SSL</translation>
    </message>
    <message>
        <source>máy chủ thư từ chối người nhận: {recipients}</source>
        <translation>the mail server refused the recipients: {recipients}</translation>
    </message>
    <message>
        <source>máy chủ thư {server} từ chối đăng nhập của {user} ({code})</source>
        <translation>the mail server {server} refused the login of {user} ({code})</translation>
    </message>
    <message>
        <source>máy chủ thư {server} từ chối: {code} {reason}</source>
        <translation>the mail server {server} refused: {code} {reason}</translation>
    </message>
    <message>
        <source>lỗi gửi thư qua {server}: {problem}</source>
        <translation>error sending mail through {server}: {problem}</translation>
    </message>
    <message>
        <source>lỗi mã hóa (TLS) với máy chủ thư {server}: {problem}</source>
        <translation>encryption (TLS) error with the mail server {server}: {problem}</translation>
    </message>
    <message>
        <source>không kết nối được máy chủ thư {server}: {problem}</source>
        <translation>cannot connect to the mail server {server}: {problem}</translation>
    </message>
    <message>
        <source>Chưa cấu hình đồng bộ: hãy đặt thư mục đồng bộ (sync_folder) hoặc máy chủ thư (smtp_host, smtp_to).</source>
        <translation>Sync is not set up: set a sync folder (sync_folder) or a mail server (smtp_host, smtp_to).</translation>
    </message>
    <message>
        <source>{target}: đã gửi {count} báo cáo</source>
        <translation>{target}: {count} report(s) sent</translation>
    </message>
    <message>
        <source>{target}: không có báo cáo mới</source>
        <translation>{target}: no new reports</translation>
    </message>
    <message>
        <source>{target}: LỖI — {reason}</source>
        <translation>{target}: ERROR — {reason}</translation>
    </message>
    <message>
        <source>{target}: chờ thử lại lúc {when}</source>
        <translation>{target}: waiting to retry at {when}</translation>
    </message>
    <message>
        <source>Thư mục đồng bộ</source>
        <translation>Sync folder</translation>
    </message>
    <message>
        <source>Thư điện tử</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Đồng bộ</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>một lần đồng bộ khác đang chạy</source>
        <translation>another sync is running</translation>
    </message>
    <message>
        <source>không tạo được báo cáo ngày {day}: {problem}</source>
        <translation>could not create the report for {day}: {problem}</translation>
    </message>
    <message>
        <source>không tìm được tên tệp còn trống cho báo cáo ngày {day}</source>
        <translation>no free file name found for the report of {day}</translation>
    </message>
    <message>
        <source>không truy cập được thư mục đồng bộ {folder} (ổ mạng chưa kết nối, thư mục bị xóa hoặc đổi tên?)</source>
        <translation>the sync folder {folder} cannot be reached (network drive not connected, folder deleted or renamed?)</translation>
    </message>
    <message>
        <source>thư mục đồng bộ đã đầy</source>
        <translation>the sync folder is full</translation>
    </message>
    <message>
        <source>không ghi được vào thư mục đồng bộ {folder}: {problem}</source>
        <translation>cannot write to the sync folder {folder}: {problem}</translation>
    </message>
    <message>
        <source>chưa cấu hình thư điện tử</source>
        <translation>e-mail is not set up</translation>
    </message>
    <message>
        <source>đã gửi {files} tới {destination}</source>
        <translation>sent {files} to {destination}</translation>
    </message>
    <message>
        <source> (bản sửa đổi lần {revision}: {reason})</source>
        <translation> (revision {revision}: {reason})</translation>
    </message>
    <message>
        <source>một lần đồng bộ khác đang chạy (tiến trình khác)</source>
        <translation>another sync is running (another process)</translation>
    </message>
</context>
</TS>
