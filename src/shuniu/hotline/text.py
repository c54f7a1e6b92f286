"""Chinese text for duplicate detection and knowledge-base search: jieba segmentation, a small
stop list, and a set cosine similarity (robust to one message being longer than the other)."""

from __future__ import annotations

import logging
import math
import re

import jieba

jieba.setLogLevel(logging.WARNING)

# Words every message has; they say nothing about what it is about.
STOPWORDS = frozenset(
    "我们 你们 他们 这个 那个 这些 那些 一个 没有 什么 怎么 为什么 如何 是否 可以 能否 希望 请问 问题 反映 情况 相关 部门 领导 "
    "你好 您好 谢谢 感谢 现在 已经 还是 但是 因为 所以 如果 就是 一直 目前 由于 关于 以及 进行 对于 其中 这样 这里 那里 时候 "
    "咨询 事宜 办理 需要 哪些 政府 有关 处理 解决 要求 回复 答复 尽快 一下 还有 而且 不是 自己 大家 多次 今年 去年 个月 左右 本人 市民 群众 网友".split()
)
_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")


def tokens(text: str, limit: int = 80) -> list[str]:
    """The distinct meaningful words of a text, in order of first appearance."""
    seen: dict[str, None] = {}
    for word in jieba.cut(text or ""):
        word = word.strip().lower()
        if len(word) < 2 or word in STOPWORDS or word.isdigit() or not _WORD.search(word):
            continue
        seen.setdefault(word, None)
        if len(seen) >= limit:
            break
    return list(seen)


def keywords(title: str, content: str) -> str:
    """What a ticket stores for later comparison: its title and the start of its text."""
    return " ".join(tokens(f"{title}。{(content or '')[:400]}"))


def similarity(a: str | set[str], b: str | set[str]) -> float:
    """Cosine similarity of two word sets (|A∩B| / √(|A|·|B|)), 0…1."""
    set_a = set(a.split()) if isinstance(a, str) else a
    set_b = set(b.split()) if isinstance(b, str) else b
    if not set_a or not set_b:
        return 0.0
    return len(set_a & set_b) / math.sqrt(len(set_a) * len(set_b))
