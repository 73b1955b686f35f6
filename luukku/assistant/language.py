"""Which language a question is in: py3langid (a small naive Bayes model over byte n-grams, limited to
fi/sv/en) combined with how much of the question each language's index knows, and the page's
language as a tie-breaker (a single word like "Kela" tells nothing)."""

from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

LANGUAGES = ("fi", "sv", "en")
PAGE_BONUS = 0.35  # the page's language wins an unclear case
MODEL_WEIGHT = 1.0
VOCABULARY_WEIGHT = 1.0


@cache
def _identifier() -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def model_probabilities(text: str) -> dict[str, float]:
    return dict(_identifier().rank(text))


def detect(text: str, coverage: dict[str, float], page_language: str = "fi") -> str:
    """The question's language from the model, each index's coverage of its words and the page."""
    probabilities = model_probabilities(text)
    scores = {
        lang: MODEL_WEIGHT * probabilities.get(lang, 0.0)
        + VOCABULARY_WEIGHT * coverage.get(lang, 0.0)
        + (PAGE_BONUS if lang == page_language else 0.0)
        for lang in LANGUAGES
    }
    return max(LANGUAGES, key=lambda lang: (scores[lang], lang == page_language))
