SELECT 'unterminated; string
/* open comment