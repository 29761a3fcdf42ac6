// Finding the tenant at the counter: type a shop, a name, an account or a meter number; the list
// follows as you type (debounced), arrows and Enter pick without the mouse.
import { Card, Input, List } from 'antd';
import { useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerMatch } from '../../../../shared/api/ledgerTypes';
import { useSearchCustomersQuery } from '../ledger/ledgerApi';

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function CustomerPicker({ onPick }: { onPick: (customer: CustomerMatch) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [highlight, setHighlight] = useState(0);
  const [open, setOpen] = useState(false);
  const debounced = useDebounced(query.trim(), 150);
  const results = useSearchCustomersQuery(
    { query: debounced, limit: 8 },
    { skip: debounced === '' },
  );
  const matches = debounced === '' ? [] : (results.data ?? []);

  const pick = (customer: CustomerMatch | undefined) => {
    if (!customer) return;
    onPick(customer);
    setOpen(false);
    setQuery(`${customer.customerNo} ${customer.name}`);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setHighlight((h) => Math.min(h + 1, matches.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setHighlight((h) => Math.max(h - 1, 0));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      pick(matches[highlight]);
    } else if (event.key === 'Escape') {
      setOpen(false);
    }
  };

  return (
    <div style={{ position: 'relative', marginBottom: 16 }}>
      <Input.Search
        size="large"
        autoFocus
        allowClear
        value={query}
        aria-label={t('sales.searchPlaceholder')}
        placeholder={t('sales.searchPlaceholder')}
        onChange={(e) => {
          setQuery(e.target.value);
          setHighlight(0);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => setOpen(true)}
        onSearch={() => pick(matches[highlight])}
      />
      {open && debounced !== '' && (
        <Card size="small" className="pt-search-results" styles={{ body: { padding: 0 } }}>
          <List
            size="small"
            locale={{ emptyText: results.isFetching ? t('common.loading') : t('sales.noMatch') }}
            dataSource={matches}
            renderItem={(c, index) => (
              <List.Item
                role="option"
                aria-selected={index === highlight}
                className={
                  index === highlight ? 'pt-search-hit pt-search-hit-active' : 'pt-search-hit'
                }
                onMouseEnter={() => setHighlight(index)}
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(c);
                }}
              >
                <span className="pt-search-no">{c.customerNo}</span>
                <span className="pt-search-name">{c.name}</span>
                <span className="pt-search-meta">
                  {[c.shopUnit, c.phone, ...c.meterNos].filter(Boolean).join(' · ')}
                </span>
              </List.Item>
            )}
          />
        </Card>
      )}
      {debounced === '' && (
        <div className="pt-hint">
          {t('sales.pickHint')}
          <br />
          {t('sales.keysHint')}
        </div>
      )}
    </div>
  );
}
