"""Review files: who rated which claim how, and on what evidence."""

from factcheck.reviews.model import Review, fingerprint, now, reviewer_file_name
from factcheck.reviews.store import ReviewFile, ReviewStore, load_all_reviews, read_review_file

__all__ = [
    "Review",
    "ReviewFile",
    "ReviewStore",
    "fingerprint",
    "load_all_reviews",
    "now",
    "read_review_file",
    "reviewer_file_name",
]
