// Tariffs (电价) and their dated versions: the SQL, and which version is in force at a moment.
import type { TariffVersionView, TariffView } from '../../shared/api/ledgerTypes';
import { tariffDefinitionSchema, type TariffDefinition } from '../../shared/tariff';
import { prepared, type Db } from '../db/open';

interface VersionRow {
  id: number;
  tariff_id: number;
  effective_from: string;
  definition: string;
  created_at: string;
}

const version = (r: VersionRow): TariffVersionView => ({
  id: r.id,
  effectiveFrom: r.effective_from,
  // Parsed through the schema so a hand-edited row can never price a sale wrongly.
  definition: tariffDefinitionSchema.parse(JSON.parse(r.definition)),
  createdAt: r.created_at,
});

export class TariffStore {
  constructor(private readonly db: Db) {}

  nameTaken(name: string): boolean {
    return prepared(this.db, 'SELECT 1 FROM tariffs WHERE name = ?').get(name) !== undefined;
  }

  create(name: string, at: string): number {
    return Number(
      prepared(this.db, 'INSERT INTO tariffs (name, created_at) VALUES (?, ?)').run(name, at)
        .lastInsertRowid,
    );
  }

  addVersion(
    tariffId: number,
    definition: TariffDefinition,
    effectiveFrom: string,
    operatorId: number,
    at: string,
  ): void {
    prepared(
      this.db,
      'INSERT INTO tariff_versions (tariff_id, effective_from, definition, created_by, created_at) VALUES (?, ?, ?, ?, ?)',
    ).run(tariffId, effectiveFrom, JSON.stringify(definition), operatorId, at);
  }

  /** The version in force at `at`: the latest one that took effect at or before it. */
  versionAt(tariffId: number, at: Date): TariffVersionView | undefined {
    const row = prepared<VersionRow>(
      this.db,
      'SELECT * FROM tariff_versions WHERE tariff_id = ? AND effective_from <= ? ORDER BY effective_from DESC LIMIT 1',
    ).get(tariffId, at.toISOString());
    return row && version(row);
  }

  get(tariffId: number, now: Date): TariffView | undefined {
    const tariff = prepared<{ id: number; name: string }>(
      this.db,
      'SELECT id, name FROM tariffs WHERE id = ?',
    ).get(tariffId);
    if (!tariff) return undefined;
    const versions = prepared<VersionRow>(
      this.db,
      'SELECT * FROM tariff_versions WHERE tariff_id = ? ORDER BY effective_from',
    )
      .all(tariffId)
      .map(version);
    return { ...tariff, current: this.versionAt(tariffId, now) ?? null, versions };
  }

  list(now: Date): TariffView[] {
    return prepared<{ id: number }>(this.db, 'SELECT id FROM tariffs ORDER BY name')
      .all()
      .map((t) => this.get(t.id, now)!);
  }
}
