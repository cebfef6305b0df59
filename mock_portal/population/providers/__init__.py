"""Faker providers for the synthetic population, in Faker's own layout: one package per
provider, each with ``class Provider(BaseProvider)`` and its data as sorted class-level tuples.

- ``medicare``: MBIs (valid, and broken in each way SPOT's format rule catches) and whole
  beneficiaries, including the cases HETS answers differently (a replaced MBI, a recent change of
  name, a death older than HETS's purge);
- ``claims``: a beneficiary's Part A claims as FISS holds them.

Usage::

    fake = Faker("en_US")
    fake.add_provider(medicare.Provider)
    fake.add_provider(claims.Provider)
"""
