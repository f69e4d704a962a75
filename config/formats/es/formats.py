"""Dates, times and numbers in Spanish: "30 de noviembre de 2026" written out, "30 nov 2026" in
tables, times on the 24-hour clock, a decimal comma and a non-breaking space between thousands
("1 250,5"), as the Real Academia Española recommends. Forms and imports keep reading numbers
one way, with a decimal point (README, "Numbers in forms and imports")."""

DATE_FORMAT = r"j \d\e F \d\e Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = r"j \d\e F \d\e Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = r"j \d\e F"
YEAR_MONTH_FORMAT = r"F \d\e Y"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\u00a0"
NUMBER_GROUPING = 3
