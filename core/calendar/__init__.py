"""The working-day calendar: weekends, Vietnamese public holidays (lunar ones included) and the
swapped or extra days an administrator announces each year; deadlines in working days."""
