"""The call log: what was said on each hotline call, by whom, and what was done."""
