"""Page objects: what a user can see and do on each page, in the guide's words."""

from e2e.pages.eligibility import EligibilityPage
from e2e.pages.errors import ErrorSummary
from e2e.pages.idm import IdmChooser, IdmSignIn, IdmVerify
from e2e.pages.spot import SpotHome, SpotLanding

__all__ = [
    "EligibilityPage",
    "ErrorSummary",
    "IdmChooser",
    "IdmSignIn",
    "IdmVerify",
    "SpotHome",
    "SpotLanding",
]
