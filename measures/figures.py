"""What a figure is made of, and the checks every entry path (form, import) applies.

A count or an amount is a ``value``. A share (percent, rate, ratio) is a ``numerator`` and
a ``denominator``; its value is worked out. An average is a ``value`` and the number of
people it is the average of (``denominator``); its numerator (value × n) is worked out.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from measures.models import Indicator, Unit

MAX_AMOUNT = Decimal(10) ** 14
# A total that moves more than this against the previous period needs a note.
OUTLIER_RELATIVE = Decimal("0.5")
OUTLIER_SHARE_POINTS = Decimal(20)  # percentage points, for shares

PART_LABELS = {
    "numerator": gettext_lazy("Numerator"),
    "denominator": gettext_lazy("Denominator"),
    "value": gettext_lazy("Value"),
}
MEAN_LABELS = {"value": gettext_lazy("Average"), "denominator": gettext_lazy("Number of people")}


def parts(indicator: Indicator) -> list[str]:
    """The figures a person enters for this indicator, in order."""
    if indicator.is_share:
        return ["numerator", "denominator"]
    if indicator.is_mean:
        return ["value", "denominator"]
    return ["value"]


def part_label(indicator: Indicator, part: str) -> str:
    if indicator.is_mean:
        return MEAN_LABELS[part]
    return PART_LABELS[part]


def is_whole(indicator: Indicator, part: str) -> bool:
    """People are counted in whole numbers; amounts and averages may have decimals."""
    if part == "value":
        return indicator.unit == Unit.COUNT
    return indicator.counts_people or indicator.is_mean


# Commas only between groups of three digits, as in 1,500 or 12,345.6.
THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d*)?$")


def parse_amount(text: str | None, *, whole: bool) -> Decimal | None:
    """A typed figure: blank, or a number that is not negative. Raises ValueError(message).

    A comma is read only as a thousands separator (1,500); anything else with a comma, such
    as a decimal comma (1,5) or 1,2,3, is refused rather than guessed."""
    text = (text or "").strip()
    if not text:
        return None
    if "," in text:
        if not THOUSANDS.match(text):
            raise ValueError(
                _("Use a point for decimals (1.5), and commas only between thousands (1,500).")
            )
        text = text.replace(",", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(_("Enter a number, such as 42.")) from None
    if not number.is_finite():
        raise ValueError(_("Enter a number, such as 42."))
    if number < 0:
        raise ValueError(_("This cannot be negative."))
    if whole and number != number.to_integral_value():
        raise ValueError(_("A count of people is a whole number."))
    if number >= MAX_AMOUNT:
        raise ValueError(_("This number is too large."))
    if number.as_tuple().exponent < -4:
        raise ValueError(_("Use at most four decimal places."))
    return number


@dataclass
class Figure:
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    value: Decimal | None = None

    @property
    def is_empty(self) -> bool:
        return self.numerator is None and self.denominator is None and self.value is None

    def as_dict(self) -> dict[str, Decimal | None]:
        return {"numerator": self.numerator, "denominator": self.denominator, "value": self.value}


def problems(indicator: Indicator, figure: Figure) -> dict[str, str]:
    """Checks across the parts of one figure: part → message."""
    found = {}
    if indicator.is_share or indicator.is_mean:
        top = "numerator" if indicator.is_share else "value"
        given_top = getattr(figure, top) is not None
        if given_top != (figure.denominator is not None):
            missing = "denominator" if given_top else top
            found[missing] = (
                _("Give both the numerator and the denominator.")
                if indicator.is_share
                else _("Give both the average and the number of people.")
            )
        elif figure.denominator is not None and figure.denominator == 0:
            found["denominator"] = _("The denominator must be more than zero.")
        elif (
            indicator.is_share
            and indicator.unit != Unit.RATIO
            and figure.numerator is not None
            and figure.numerator > figure.denominator
        ):
            found["numerator"] = _("The numerator cannot be larger than the denominator.")
    if indicator.unit == Unit.PERCENT and figure.value is not None and figure.value > 100:
        found["value"] = _("A percent is between 0 and 100.")
    return found


def complete(indicator: Indicator, figure: Figure) -> Figure:
    """Work out the derived part: a share's value, an average's numerator."""
    if indicator.is_share:
        value = None
        if figure.numerator is not None and figure.denominator:
            value = indicator.compute(figure.numerator, figure.denominator, None)
        return Figure(figure.numerator, figure.denominator, value)
    if indicator.is_mean:
        numerator = None
        if figure.value is not None and figure.denominator is not None:
            numerator = figure.value * figure.denominator
        return Figure(numerator, figure.denominator, figure.value)
    return Figure(None, None, figure.value)


def outlier(indicator: Indicator, value: Decimal | None, previous: Decimal | None) -> str:
    """A message when a total moves a lot against the previous period, else ''."""
    if value is None or previous is None:
        return ""
    if indicator.is_share:
        far = abs(value - previous) > OUTLIER_SHARE_POINTS * indicator.scale / 100
    elif previous == 0:
        far = value != 0
    else:
        far = abs(value - previous) / previous > OUTLIER_RELATIVE
    if not far:
        return ""
    return _(
        "This is very different from the previous period (%(previous)s). Check it; if it is "
        "right, say why in the note."
    ) % {"previous": f"{previous.normalize():f}"}


def display(indicator: Indicator, value: Decimal | None) -> str:
    """A value in words and figures of its unit, as flags and messages write it: "90.2%",
    "12.5 per 1,000", "$1,200", "1,200"."""
    if value is None:
        return "—"
    if indicator.unit == Unit.PERCENT:
        return _("%(number)s%%") % {"number": number_format(value, 1, force_grouping=True)}
    if indicator.unit == Unit.RATE:
        return _("%(number)s per 1,000") % {"number": number_format(value, 1, force_grouping=True)}
    if indicator.unit == Unit.RATIO:
        return number_format(value, 2, force_grouping=True)
    whole = value == value.to_integral_value()
    number = number_format(value, 0 if whole else 2, force_grouping=True)
    if indicator.unit == Unit.CURRENCY:
        return _("$%(number)s") % {"number": number}
    return number
