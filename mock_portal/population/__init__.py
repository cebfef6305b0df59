"""The synthetic Medicare population: the MBI format and its bijection with integers
(``mbi.py``), a keyed shuffle (``permutation.py``), the seeded population where beneficiary *i*
of seed *s* is always the same person, with its special cases at fixed indexes (``seeded.py``),
the Faker providers for beneficiaries and claims (``providers/``, in Faker's own layout) and the
records HETS answers from (``records.py``). Read-only and shared by every namespace.

Adding a kind of person HETS answers differently: a ``Case`` in ``records.py``, its offset in
``seeded.CASE_OFFSETS``, how the Medicare provider makes it, and its row in docs/hets.md.
"""
