"""A Faker provider for Medicare: valid and deliberately invalid MBIs, and whole beneficiaries.

MBIs follow CMS's format (:mod:`mock_portal.population.mbi`); entitlement follows SSA's POMS
(:func:`aged_entitlement_start`); the cases HETS answers differently (a replaced MBI, CMS MLN
Connects 2019-11-14; a recent change of name; a death older than HETS's 27-month purge, CMS HETS
help 2007) are made on request (``case``), see docs/hets.md.

Usage::

    fake = Faker("en_US")
    fake.add_provider(Provider)
    fake.seed_instance(7)
    fake.mbi()                     # e.g. '4UP1N20XE97'
    fake.invalid_mbi("dashes")     # e.g. '7KD3-RT4-WA12'
    fake.beneficiary().display_name

All randomness comes from the generator, so ``seed_instance`` makes every value repeatable. The
beneficiary's dates are drawn against a fixed "records as of" date rather than today, so the same
seed gives the same person next year too.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Final

from faker.providers import BaseProvider

from mock_portal.accounts import identifiers
from mock_portal.population import mbi as mbi_format
from mock_portal.population.records import (
    Address,
    AdvantagePlan,
    Beneficiary,
    Case,
    EntitlementReason,
    HospiceElection,
    SecondaryPayer,
    Sex,
)

if TYPE_CHECKING:
    from random import Random

RECORDS_AS_OF: Final = date(2025, 12, 31)
# When the special cases happened, relative to the records' date: a replaced MBI or a change of
# name in the last 2 years; a death 30 to 42 months back, so older than HETS's 27-month purge
# for any "today" after the records' date, yet (until mid-2026 and beyond) partly inside its
# 4-year inquiry window.
RECENT_CHANGE_FROM: Final = date(2024, 1, 1)
PURGED_DEATH_FROM: Final = date(2022, 7, 1)
PURGED_DEATH_TO: Final = date(2023, 6, 30)
# Where First Coast's Part A/B beneficiaries live: Florida, Puerto Rico, U.S. Virgin Islands.
STATE_WEIGHTS: Final = (("FL", 90), ("PR", 8), ("VI", 2))

# Positions (0-based) of each class in CMS's C A AN N A AN N A A N N.
LETTER_POSITIONS: Final = (1, 4, 7, 8)
MIXED_POSITIONS: Final = (2, 5)
DIGIT_POSITIONS: Final = (3, 6, 9, 10)


class Provider(BaseProvider):
    # Every way an MBI can be wrong that the portal's format rule must catch.
    mbi_flaws: tuple[str, ...] = (
        "dashes",
        "digit_in_letter_position",
        "excluded_letter_in_letter_position",
        "excluded_letter_in_mixed_position",
        "legacy_hicn",
        "letter_in_digit_position",
        "letter_in_position_1",
        "non_ascii_letter",
        "symbol",
        "too_long",
        "too_short",
        "zero_in_position_1",
    )
    # Symbols people paste into ID fields; the HTML-special ones also exercise escaping.
    mbi_symbols: tuple[str, ...] = ('"', "#", "&", "'", "*", "+", ".", "/", "<", ">", "@", "_")
    # Upper case already, so upper-casing the entry cannot turn them into ASCII; the last is a
    # full-width A, which str.isalnum() accepts and the MBI alphabet must not.
    non_ascii_letters: tuple[str, ...] = ("Ã", "É", "Ñ", "Ø", "Ü", "\uff21")
    name_suffixes: tuple[str, ...] = ("II", "III", "IV", "Jr", "Sr")
    apostrophe_surnames: tuple[str, ...] = (
        "D'Amico",
        "D'Angelo",
        "O'Brien",
        "O'Connor",
        "O'Malley",
        "O'Neal",
    )
    # Invented plan names (no real plan is meant); contract ids start with H like MA contracts.
    advantage_plan_names: tuple[str, ...] = (
        "Coastal Harmony Advantage (HMO)",
        "Gulf Breeze Medicare Plus (PPO)",
        "Palm Shores Senior Care (HMO-POS)",
        "Sunrise Keys Medicare Select (HMO)",
        "Tropic Star Advantage (PPO)",
    )
    # CMS Medicare Secondary Payer type codes, what each means, and whom a group health plan
    # type can concern (the others concern anyone).
    secondary_payer_types: tuple[tuple[str, str, EntitlementReason | None], ...] = (
        ("12", "Working aged: employer group health plan", EntitlementReason.AGED),
        ("13", "End-stage renal disease: group health plan", EntitlementReason.ESRD),
        ("14", "No-fault insurance", None),
        ("15", "Workers' compensation", None),
        ("43", "Disability: large group health plan", EntitlementReason.DISABILITY),
        ("47", "Liability insurance", None),
    )

    # How often each kind of record occurs in the population, as fractions of everyone.
    share_female: float = 0.55
    share_disability: float = 0.12
    share_esrd: float = 0.02
    share_hyphenated: float = 0.07
    share_apostrophe: float = 0.02
    share_suffix_of_men: float = 0.08
    share_part_a_only: float = 0.06
    share_part_b_only: float = 0.02
    share_part_b_delayed: float = 0.08
    share_deceased: float = 0.06
    share_advantage: float = 0.35
    share_secondary_payer: float = 0.10
    share_hospice: float = 0.04

    @property
    def _rng(self) -> Random:
        rng: Random = self.generator.random
        return rng

    def mbi(self) -> str:
        """A Medicare Beneficiary Identifier in CMS's format (see :mod:`..mbi`)."""
        return "".join(self._rng.choice(alphabet) for alphabet in mbi_format.POSITIONS)

    def invalid_mbi(self, kind: str) -> str:
        """An MBI that breaks the format in the way ``kind`` (one of ``mbi_flaws``) names."""
        valid = self.mbi()
        rng = self._rng
        match kind:
            case "too_short":
                return valid[: rng.randint(7, 10)]
            case "too_long":
                return valid + rng.choice(mbi_format.DIGITS)
            case "dashes":  # as printed on the card: 1EG4-TE5-MK73
                return f"{valid[:4]}-{valid[4:7]}-{valid[7:]}"
            case "symbol":
                return _replace(valid, rng.randrange(11), rng.choice(self.mbi_symbols))
            case "non_ascii_letter":
                position = rng.choice(LETTER_POSITIONS)
                return _replace(valid, position, rng.choice(self.non_ascii_letters))
            case "zero_in_position_1":
                return _replace(valid, 0, "0")
            case "letter_in_position_1":
                return _replace(valid, 0, rng.choice(mbi_format.LETTERS))
            case "digit_in_letter_position":
                return _replace(valid, rng.choice(LETTER_POSITIONS), rng.choice(mbi_format.DIGITS))
            case "letter_in_digit_position":
                letter = rng.choice(mbi_format.LETTERS)
                return _replace(valid, rng.choice(DIGIT_POSITIONS), letter)
            case "excluded_letter_in_letter_position":
                letter = rng.choice(mbi_format.EXCLUDED_LETTERS)
                return _replace(valid, rng.choice(LETTER_POSITIONS), letter)
            case "excluded_letter_in_mixed_position":
                letter = rng.choice(mbi_format.EXCLUDED_LETTERS)
                return _replace(valid, rng.choice(MIXED_POSITIONS), letter)
            case "legacy_hicn":  # the pre-2020 Health Insurance Claim Number: SSN + "A"
                return "".join(rng.choice(mbi_format.DIGITS) for _ in range(9)) + "A"
        raise ValueError(f"unknown MBI flaw {kind!r}; one of: {', '.join(self.mbi_flaws)}")

    def beneficiary(
        self, mbi: str | None = None, *, case: Case | None = None, previous_mbi: str | None = None
    ) -> Beneficiary:
        """A beneficiary; ``case`` makes one of the population's special cases (for a replaced MBI,
        ``previous_mbi`` is the old one, else the provider makes one)."""
        rng = self._rng
        purged = case is Case.PURGED_DEATH
        sex = Sex.FEMALE if rng.random() < self.share_female else Sex.MALE
        last_name, suffix = self._surname(sex)
        reason = self._entitlement_reason()
        # Someone who died years ago was entitled well before: aged, born by 1950.
        if purged:
            reason = EntitlementReason.AGED
            born = _day_between(rng, date(1925, 1, 1), date(1950, 12, 31))
        else:
            born = self._date_of_birth(reason)
        records_end = PURGED_DEATH_FROM - timedelta(days=30) if purged else RECORDS_AS_OF
        part_a, part_b = self._entitlement(born, reason, records_end)
        starts = [d for d in (part_a, part_b) if d is not None]
        covered_from = min(starts)
        died = None
        if purged:
            died = _day_between(rng, PURGED_DEATH_FROM, PURGED_DEATH_TO)
        elif case is None and rng.random() < self.share_deceased:
            died = _day_between(rng, max(starts) + timedelta(days=30), RECORDS_AS_OF)
        covered_to = died or RECORDS_AS_OF
        changes = self._changes(case, last_name, previous_mbi, covered_from)
        return Beneficiary(
            mbi=mbi or self.mbi(),
            first_name=str(
                self.generator.first_name_female()
                if sex is Sex.FEMALE
                else self.generator.first_name_male()
            ),
            last_name=last_name,
            suffix=suffix,
            sex=sex,
            date_of_birth=born,
            address=self._address(),
            entitlement_reason=reason,
            part_a_effective=part_a,
            part_b_effective=part_b,
            date_of_death=died,
            advantage_plan=self._advantage_plan(part_a, part_b, covered_to),
            secondary_payer=self._secondary_payer(reason, covered_from, covered_to),
            hospice=self._hospice(part_a, died),
            **changes,
        )

    def _changes(
        self, case: Case | None, last_name: str, previous_mbi: str | None, covered_from: date
    ) -> dict[str, Any]:
        """The replaced MBI or the former name of a special case, when it happened."""
        if case is None or case is Case.PURGED_DEATH:
            return {}
        when = _day_between(self._rng, max(covered_from, RECENT_CHANGE_FROM), RECORDS_AS_OF)
        if case is Case.REPLACED_MBI:
            return {"previous_mbi": previous_mbi or self.mbi(), "mbi_effective": when}
        former = str(self.generator.last_name())
        while former.upper() in last_name.upper():
            former = str(self.generator.last_name())
        return {"previous_last_name": former, "name_changed": when}

    def _surname(self, sex: Sex) -> tuple[str, str | None]:
        rng = self._rng
        roll = rng.random()
        if roll < self.share_apostrophe:
            last = rng.choice(self.apostrophe_surnames)
        elif roll < self.share_apostrophe + self.share_hyphenated:
            last = f"{self.generator.last_name()}-{self.generator.last_name()}"
        else:
            last = str(self.generator.last_name())
        has_suffix = sex is Sex.MALE and rng.random() < self.share_suffix_of_men
        return last, rng.choice(self.name_suffixes) if has_suffix else None

    def _entitlement_reason(self) -> EntitlementReason:
        roll = self._rng.random()
        if roll < self.share_esrd:
            return EntitlementReason.ESRD
        if roll < self.share_esrd + self.share_disability:
            return EntitlementReason.DISABILITY
        return EntitlementReason.AGED

    def _date_of_birth(self, reason: EntitlementReason) -> date:
        if reason is EntitlementReason.AGED:  # 65 or older by the records' date
            return _day_between(self._rng, date(1925, 1, 1), date(1959, 12, 31))
        return _day_between(self._rng, date(1960, 1, 1), date(1995, 12, 31))

    def _entitlement(
        self, born: date, reason: EntitlementReason, records_end: date = RECORDS_AS_OF
    ) -> tuple[date | None, date | None]:
        rng = self._rng
        if reason is EntitlementReason.AGED:
            start = aged_entitlement_start(born)
        else:  # disability and ESRD entitlement come at any adult age
            start = _first_of_month(
                _day_between(rng, max(_years_after(born, 25), date(1990, 1, 1)), RECORDS_AS_OF)
            )
        roll = rng.random()
        if roll < self.share_part_a_only:
            return start, None
        if roll < self.share_part_a_only + self.share_part_b_only:
            return None, start
        a_year_later = start + timedelta(days=365)
        delayed = roll < self.share_part_a_only + self.share_part_b_only + self.share_part_b_delayed
        if delayed and a_year_later <= records_end:  # signed up for Part B late
            return start, _first_of_month(_day_between(rng, a_year_later, records_end))
        return start, start

    def _address(self) -> Address:
        states = [state for state, _ in STATE_WEIGHTS]
        state = self._rng.choices(states, weights=[w for _, w in STATE_WEIGHTS])[0]
        return Address(
            street=str(self.generator.street_address()),
            city=str(self.generator.city()),
            state=state,
            zip_code=str(self.generator.zipcode_in_state(state)),
        )

    def _advantage_plan(
        self, part_a: date | None, part_b: date | None, covered_to: date
    ) -> AdvantagePlan | None:
        # Medicare Advantage needs both Parts, and began (as such) in 2006.
        if part_a is None or part_b is None or self._rng.random() >= self.share_advantage:
            return None
        start = max(part_a, part_b, date(2006, 1, 1))
        if start > covered_to:
            return None
        return AdvantagePlan(
            contract="H" + "".join(self._rng.choice(mbi_format.DIGITS) for _ in range(4)),
            plan_name=self._rng.choice(self.advantage_plan_names),
            effective=_first_of_month(_day_between(self._rng, start, covered_to)),
        )

    def _secondary_payer(
        self, reason: EntitlementReason, covered_from: date, covered_to: date
    ) -> SecondaryPayer | None:
        if self._rng.random() >= self.share_secondary_payer:
            return None
        code, name, _ = self._rng.choice(
            [kind for kind in self.secondary_payer_types if kind[2] in (None, reason)]
        )
        return SecondaryPayer(
            type_code=code,
            type_name=name,
            insurer=str(self.generator.company()),
            effective=_day_between(self._rng, covered_from, covered_to),
        )

    def _hospice(self, part_a: date | None, died: date | None) -> HospiceElection | None:
        # Hospice is a Part A benefit; most elections end with the beneficiary's death.
        if part_a is None or self._rng.random() >= self.share_hospice:
            return None
        last = died or RECORDS_AS_OF
        earliest = max(part_a, last - timedelta(days=180))
        return HospiceElection(
            start=_day_between(self._rng, earliest, last),
            provider_npi=identifiers.npi(self._rng),
        )


def _replace(text: str, position: int, char: str) -> str:
    return text[:position] + char + text[position + 1 :]


def _day_between(rng: Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def _first_of_month(day: date) -> date:
    return day.replace(day=1)


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # born on 29 February
        return day.replace(year=day.year + years, day=28)


def aged_entitlement_start(born: date) -> date:
    """Part A for age starts the month a person turns 65; the law has people attain an age the
    day before their birthday, so those born on the 1st start the month before (SSA POMS)."""
    turns_65 = _years_after(born, 65) - timedelta(days=1)
    return _first_of_month(turns_65)
