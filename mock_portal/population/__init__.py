"""The synthetic Medicare population: the MBI format and its bijection with integers
(``mbi.py``), a keyed shuffle (``permutation.py``), the seeded population where beneficiary *i*
of seed *s* is always the same person (``seeded.py``), the Faker provider (``provider.py``) and
the records HETS answers from (``records.py``). Read-only and shared by every namespace.
"""
