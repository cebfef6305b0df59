"""The synthetic Medicare population: MBIs, beneficiaries and the index that finds them."""
