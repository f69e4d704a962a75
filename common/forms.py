"""Form pieces every app uses."""

from django import forms


class DateInput(forms.DateInput):
    """The browser's date picker, with the value in ISO format (what it expects)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")
