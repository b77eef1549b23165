"""Request bodies of the write and extract endpoints."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..records import Article

__all__ = ["ArticleIn", "ArticlesIn", "Problem", "problems", "to_articles"]


class Problem(BaseModel):
    """An error answer: what is wrong with the request and what to do."""

    detail: str


def problems(codes: dict[int, str]) -> dict[int | str, dict[str, Any]]:
    """Return FastAPI ``responses`` documenting the error statuses a route answers besides 200/422."""
    return {code: {"model": Problem, "description": text} for code, text in codes.items()}


class ArticleIn(BaseModel):
    """One input article (records.md): only ``text`` is required."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="the article text")
    id: str | None = Field(default=None, max_length=200, description="defaults to a content hash of text and date")
    date: str | None = Field(default=None, max_length=40, description="publication date, YYYY-MM-DD or ISO 8601")
    title: str | None = Field(default=None, max_length=2000)
    url: str | None = Field(default=None, max_length=4000)
    source: str | None = Field(default=None, max_length=200)
    language: str | None = Field(default=None, max_length=20)

    @field_validator("date")
    @classmethod
    def _real_date(cls, value: str | None) -> str | None:
        """An impossible date (``2024-13-45``) is refused, naming the field, instead of dropped with a warning."""
        from ..ingest import normalize_date

        if value is None:
            return None
        _, problem = normalize_date(value)
        if problem:
            raise ValueError(problem)
        return value

    def to_article(self, position: str) -> Article:
        """Return the :class:`~eventwire.records.Article` of this input."""
        return Article(
            text=self.text, id=self.id or "", date=self.date, title=self.title, url=self.url,
            source=self.source, language=self.language, position=position,
        )


class ArticlesIn(BaseModel):
    """A batch of articles: ``{"articles": [...]}``."""

    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleIn]


def to_articles(body: ArticleIn | list[ArticleIn] | ArticlesIn) -> list[ArticleIn]:
    """Return the articles of any accepted body shape as a list."""
    if isinstance(body, ArticleIn):
        return [body]
    if isinstance(body, ArticlesIn):
        return list(body.articles)
    return list(body)
