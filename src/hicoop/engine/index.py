"""The match index: records (demands, capabilities, achievements) and their owners' profiles.

Each record is analysed once into field-weighted terms and kept in a ``LexicalIndex``. An owner
(partner organisation) gets a profile document: the sum of its live records' term frequencies,
kept in a second ``LexicalIndex`` and refreshed lazily for the owners whose records changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from hicoop.engine.lexical import Bm25Params, Hits, LexicalIndex
from hicoop.engine.owners import OwnerModel
from hicoop.engine.semantic import VectorStore
from hicoop.engine.text import Analyzer, FieldWeights


@dataclass(frozen=True)
class Record:
    """A searchable record: a capability, achievement or demand, with its structured facets."""

    id: str
    title: str = ""
    body: str = ""
    keywords: tuple[str, ...] = ()
    owner: str = ""
    kind: str = ""
    region: str = ""
    status: str = ""
    fields: tuple[str, ...] = ()
    capacity: int | None = None


@dataclass(frozen=True)
class IndexConfig:
    """Analysis and BM25 settings of an index; stored with every match run."""

    field_weights: FieldWeights = field(default_factory=FieldWeights)
    bm25: Bm25Params = field(default_factory=Bm25Params)
    # Owner profiles differ a lot in length; weaker length normalisation routes better (dev).
    owner_bm25: Bm25Params = field(default_factory=lambda: Bm25Params(b=0.5))


class MatchIndex:
    """Records by id, with add / update / remove of one record and no full rebuild."""

    def __init__(self, analyzer: Analyzer | None = None, config: IndexConfig | None = None):
        self.analyzer = analyzer or Analyzer()
        self.config = config or IndexConfig()
        self.lexical = LexicalIndex(self.config.bm25)
        self.owners = LexicalIndex(self.config.owner_bm25)
        self._slot_of: dict[str, int] = {}
        self._records: list[Record] = []
        self._owner_slots: dict[str, set[int]] = {}
        self._owner_slot: dict[str, int] = {}
        self._owner_names: list[str] = []
        self._dirty_owners: set[str] = set()
        self._with_capacity = 0
        self._owners_version = 0
        self._owner_model: tuple[int, OwnerModel] | None = None
        # The semantic channel's vectors (records and partner profiles), attached by the caller;
        # None means lexical only.
        self.vectors: VectorStore | None = None
        self._centroids: (
            tuple[tuple[int, int], list[str], np.ndarray, list[npt.NDArray[np.int64]]] | None
        ) = None

    @classmethod
    def build(
        cls,
        records: Iterable[Record],
        analyzer: Analyzer | None = None,
        config: IndexConfig | None = None,
    ) -> MatchIndex:
        """Index many records at once (one compaction at the end)."""
        index = cls(analyzer, config)
        index.add_analyzed((r, index.analyze(r)) for r in records)
        return index

    def analyze(self, record: Record) -> dict[str, float]:
        """Field-weighted terms of a record."""
        return self.analyzer.record_terms(
            record.title, record.keywords, record.body, self.config.field_weights
        )

    def add_analyzed(self, items: Iterable[tuple[Record, Mapping[str, float]]]) -> None:
        """Bulk add of records whose terms were computed by the caller."""
        batch = []
        for record, terms in items:
            self._forget(record.id)
            batch.append((record, self.lexical.term_ids(terms, create=True)))
        slots = self.lexical.add_many([ids for _, ids in batch])
        for slot, (record, _) in zip(slots, batch, strict=True):
            self._register(slot, record)

    def add_arrays(
        self, records: list[Record], rows: tuple[np.ndarray, np.ndarray, np.ndarray]
    ) -> None:
        """Bulk add of new records given as CSR rows of term ids (``lexical.term_ids``);
        call ``compact`` once after the last batch."""
        for record in records:
            self._forget(record.id)
        slots = self.lexical.add_csr(*rows)
        for slot, record in zip(slots, records, strict=True):
            self._register(slot, record)

    def add(self, record: Record) -> None:
        """Add a record, or replace the record with the same id."""
        self._forget(record.id)
        self._register(self.lexical.add(self.analyze(record)), record)

    update = add

    def remove(self, record_id: str) -> None:
        """Remove a record; unknown ids are ignored."""
        self._forget(record_id)

    def _register(self, slot: int, record: Record) -> None:
        self._slot_of[record.id] = slot
        self._with_capacity += record.capacity is not None
        if slot == len(self._records):
            self._records.append(record)
        if record.owner:
            self._owner_slots.setdefault(record.owner, set()).add(slot)
            self._dirty_owners.add(record.owner)
            self._owners_version += 1

    def _forget(self, record_id: str) -> None:
        slot = self._slot_of.pop(record_id, None)
        if slot is None:
            return
        self.lexical.remove(slot)
        self._with_capacity -= self._records[slot].capacity is not None
        owner = self._records[slot].owner
        if owner:
            self._owner_slots[owner].discard(slot)
            self._dirty_owners.add(owner)
            self._owners_version += 1

    def compact(self) -> None:
        """Merge appended records and drop removed ones from the postings."""
        self.lexical.compact()

    @property
    def has_capacities(self) -> bool:
        return self._with_capacity > 0

    def __len__(self) -> int:
        return len(self._slot_of)

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._slot_of

    def record(self, record_id: str) -> Record:
        return self._records[self._slot_of[record_id]]

    def record_at(self, slot: int) -> Record:
        return self._records[slot]

    def slot_of(self, record_id: str) -> int | None:
        return self._slot_of.get(record_id)

    def terms_of(self, slot: int) -> set[str]:
        ids, _ = self.lexical.document(slot)
        return {self.lexical.terms[i] for i in ids.tolist()}

    def query_ids(self, terms: Iterable[str]) -> np.ndarray:
        """Sorted ids of the known terms among ``terms``."""
        vocab = self.lexical.vocab
        ids = np.fromiter((vocab.get(t, -1) for t in terms), np.int64)
        return np.unique(ids[ids >= 0])

    def shared_terms(self, slot: int, query_ids: np.ndarray) -> list[str]:
        """Terms of ``query_ids`` (see ``query_ids``) that the record at ``slot`` contains."""
        ids, _ = self.lexical.document(slot)
        common = np.intersect1d(ids, query_ids, assume_unique=True)
        return [self.lexical.terms[i] for i in common.tolist()]

    # ----------------------------------------------------------------- owners
    def owner_names(self) -> list[str]:
        self._refresh_owners()
        return sorted(self._owner_slot)

    def owner_records(self, owner: str) -> list[Record]:
        slots = sorted(self._owner_slots.get(owner, ()))
        return [self._records[s] for s in slots]

    def search_owners(self, query: Mapping[str, float]) -> tuple[list[str], Hits]:
        self._refresh_owners()
        return self._owner_names, self.owners.search(query)

    def owner_model(self) -> OwnerModel:
        """The fusion model of the owners' live records (``top_owners`` "fusion"), rebuilt
        lazily after any owned record changed."""
        cached = self._owner_model
        if cached is not None and cached[0] == self._owners_version:
            return cached[1]
        names = [o for o in sorted(self._owner_slots) if self._owner_slots[o]]
        slots = [s for o in names for s in sorted(self._owner_slots[o])]
        owner_of = np.repeat(
            np.arange(len(names), dtype=np.int64), [len(self._owner_slots[o]) for o in names]
        )
        rows = self.lexical.documents(slots)
        lengths = [len(rows[s][0]) for s in slots]
        ptr = np.concatenate([[0], np.cumsum(lengths, dtype=np.int64)])
        ids = np.concatenate([rows[s][0] for s in slots]) if slots else np.zeros(0, np.int32)
        tfs = np.concatenate([rows[s][1] for s in slots]) if slots else np.zeros(0, np.float32)
        matrix = sp.csr_matrix(
            (tfs.astype(np.float64), ids, ptr), shape=(len(slots), len(self.lexical.terms))
        )
        model = OwnerModel(names, owner_of, matrix)
        self._owner_model = (self._owners_version, model)
        return model

    def owner_centroids(self) -> tuple[list[str], np.ndarray]:
        """Owners with vectors and their unit centroids (records' vectors and profile), rebuilt
        lazily after owned records or vectors changed."""
        store = self.vectors
        if store is None:
            return [], np.zeros((0, 0), np.float32)
        key = (self._owners_version, store.version)
        if self._centroids is None or self._centroids[0] != key:
            members = {
                owner: [self._records[s].id for s in sorted(slots)]
                for owner, slots in self._owner_slots.items()
                if slots or owner in store.profiles
            }
            names, matrix = store.centroids(members)
            self._centroids = (key, names, matrix, store.member_rows(names, members))
        return self._centroids[1], self._centroids[2]

    def owner_member_rows(self) -> list[npt.NDArray[np.int64]]:
        """Vector rows of each owner's records, aligned with ``owner_centroids``' names."""
        self.owner_centroids()
        return self._centroids[3] if self._centroids is not None else []

    def _refresh_owners(self) -> None:
        dirty = sorted(self._dirty_owners)
        if not dirty:
            return
        slots = [s for owner in dirty for s in self._owner_slots.get(owner, ())]
        rows = self.lexical.documents(slots)
        for owner in dirty:
            old = self._owner_slot.pop(owner, None)
            if old is not None:
                self.owners.remove(old)
            profile = self._profile(owner, rows)
            if profile:
                slot = self.owners.add(profile)
                self._owner_slot[owner] = slot
                self._owner_names.append(owner)
        self._dirty_owners.clear()

    def _profile(
        self, owner: str, rows: Mapping[int, tuple[np.ndarray, np.ndarray]]
    ) -> dict[str, float]:
        totals: dict[int, float] = {}
        for slot in sorted(self._owner_slots.get(owner, ())):
            ids, tfs = rows[slot]
            for tid, tf in zip(ids.tolist(), tfs.tolist(), strict=True):
                totals[tid] = totals.get(tid, 0.0) + tf
        terms = self.lexical.terms
        return {terms[tid]: float(np.float32(v)) for tid, v in totals.items()}
