"""coachdesk: the register, rules and reports of an NHS Coaching and Mentoring Hub."""
