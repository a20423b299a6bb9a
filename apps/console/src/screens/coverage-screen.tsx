/**
 * Coverage for reporters: first the share of the 2021 target population vaccinated (a tile map of the 63
 * provinces, a weekly line chart and the table), then the doses given by province, vaccine and dose number.
 */
import { useMemo, useState } from 'react';
import type { CoverageFigures, CoverageQuery, CoverageReport } from '../api/contract';
import { queryString } from '../api/query-string';
import { WeeklyLineChart } from '../components/line-chart';
import { ProvinceTileMap } from '../components/province-tile-map';
import { useLoad } from '../components/async-state';
import { StackedBarChart, type ChartBar } from '../components/bar-chart';
import { DataTable } from '../components/data-table';
import { SelectField, TextField } from '../components/form-fields';
import { ErrorNotice } from '../components/notices';
import { Page } from '../components/page';
import { addDays, formatDate, formatNumber, todayInVietnam } from '../i18n/formatting';
import { useLanguage } from '../i18n/language';
import { provinceName, provinces } from '../reference/administrative-units';
import { useVaccineName, useVaccines } from '../reference/shared-lists';
import { usePrincipal, useSession } from '../session/session';

interface CoverageLine {
  provinceCode: string | null;
  vaccineCode: string;
  doseNumber: number;
  doses: number;
}

/** Sums the daily rows into one line per province, vaccine and dose number. */
export function byProvinceVaccineDose(report: CoverageReport): CoverageLine[] {
  const lines = new Map<string, CoverageLine>();
  for (const row of report.rows) {
    const key = `${row.provinceCode}|${row.vaccineCode}|${row.doseNumber}`;
    const line = lines.get(key) ?? {
      provinceCode: row.provinceCode,
      vaccineCode: row.vaccineCode,
      doseNumber: row.doseNumber,
      doses: 0,
    };
    line.doses += row.doses;
    lines.set(key, line);
  }
  return [...lines.values()].sort(
    (a, b) =>
      (a.provinceCode ?? '').localeCompare(b.provinceCode ?? '') ||
      a.vaccineCode.localeCompare(b.vaccineCode) ||
      a.doseNumber - b.doseNumber,
  );
}

type Measure = 'atLeastOneDose' | 'primarySeriesComplete' | 'booster';
const measures: Measure[] = ['atLeastOneDose', 'primarySeriesComplete', 'booster'];

function percentOf(figures: CoverageFigures, measure: Measure): number | null {
  return figures[`${measure}Percent` as const];
}

function formatShare(percent: number | null): string {
  return percent === null ? '—' : `${percent.toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`;
}

export function CoverageScreen() {
  const { t } = useLanguage();
  const { api } = useSession();
  const principal = usePrincipal();
  const vaccines = useVaccines();
  const vaccineName = useVaccineName();
  const today = todayInVietnam();
  const fixedProvince =
    principal.role === 'national_admin' || principal.provinceCode === null ? null : principal.provinceCode;
  const [provinceCode, setProvinceCode] = useState(fixedProvince ?? '');
  const [from, setFrom] = useState(addDays(today, -29));
  const [to, setTo] = useState(today);
  const [vaccineCode, setVaccineCode] = useState('');
  const query = queryString({ from, to, provinceCode, vaccineCode } satisfies CoverageQuery);
  const report = useLoad(() => api.get<CoverageReport>(`/reports/coverage?${query}`), [api, query]);

  const lines = useMemo(() => (report.data ? byProvinceVaccineDose(report.data) : []), [report.data]);
  const doseNumbers = [...new Set(lines.map((l) => l.doseNumber))].sort((a, b) => a - b);
  const total = lines.reduce((sum, l) => sum + l.doses, 0);

  // One bar per province nationally; per vaccine within one province.
  const perProvince = !provinceCode;
  const bars: ChartBar[] = useMemo(() => {
    const groups = new Map<string, number[]>();
    for (const line of lines) {
      const key = perProvince ? provinceName(line.provinceCode) : vaccineName(line.vaccineCode);
      const values = groups.get(key) ?? doseNumbers.map(() => 0);
      values[doseNumbers.indexOf(line.doseNumber)] += line.doses;
      groups.set(key, values);
    }
    return [...groups.entries()].map(([label, values]) => ({ label, values }));
  }, [lines, perProvince, doseNumbers.join(',')]); // eslint-disable-line react-hooks/exhaustive-deps

  const period = t('coverage.period', { from: formatDate(from), to: formatDate(to) });
  const [measure, setMeasure] = useState<Measure>('atLeastOneDose');
  const people = report.data?.people ?? null;
  const shares = useMemo(
    () => new Map((people?.provinces ?? []).map((p) => [p.provinceCode, percentOf(p, measure)])),
    [people, measure],
  );
  const measureLabel = (m: Measure) => t(`coverage.people.${m}`);

  return (
    <Page title={t('coverage.title')} intro={<p>{t('coverage.intro')}</p>}>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <div className="row">
          <SelectField
            label={t('person.province')}
            value={provinceCode}
            onChange={(e) => setProvinceCode(e.target.value)}
            disabled={fixedProvince !== null}
          >
            {fixedProvince === null ? <option value="">{t('coverage.wholeCountry')}</option> : null}
            {provinces
              .filter((p) => fixedProvince === null || p.code === fixedProvince)
              .map((p) => (
                <option key={p.code} value={p.code}>
                  {p.name}
                </option>
              ))}
          </SelectField>
          <SelectField
            label={t('dose.vaccine')}
            value={vaccineCode}
            onChange={(e) => setVaccineCode(e.target.value)}
            placeholder={t('coverage.allVaccines')}
            options={vaccines.map((v) => ({ value: v.code, label: v.name }))}
          />
          <TextField
            label={t('common.from')}
            type="date"
            value={from}
            max={to}
            onChange={(e) => setFrom(e.target.value)}
          />
          <TextField
            label={t('common.to')}
            type="date"
            value={to}
            min={from}
            onChange={(e) => setTo(e.target.value)}
          />
        </div>
      </form>
      <ErrorNotice error={report.error} />
      {people ? (
        <section aria-labelledby="coverage-people">
          <h2 id="coverage-people">{t('coverage.people.title')}</h2>
          <p>{t('coverage.people.intro', { source: people.populationSource, week: formatDate(people.asOfWeek) })}</p>
          <div className="row">
            <SelectField
              label={t('coverage.people.measure')}
              value={measure}
              onChange={(e) => setMeasure(e.target.value as Measure)}
              options={measures.map((m) => ({ value: m, label: measureLabel(m) }))}
            />
          </div>
          <div className="coverage-pictures">
            <figure className="chart">
              <ProvinceTileMap
                title={t('coverage.people.map')}
                description={t('coverage.people.mapDescription')}
                values={shares}
                nameOf={(code) => provinceName(code)}
                legendTitle={t('coverage.people.legend')}
              />
              <figcaption>{`${t('coverage.people.map')} — ${measureLabel(measure)}`}</figcaption>
            </figure>
            <figure className="chart">
              <WeeklyLineChart
                title={t('coverage.people.weekly')}
                description={t('coverage.people.weeklyDescription', { period })}
                weeks={people.weekly.map((w) => w.weekStart)}
                series={measures.map((m) => ({ label: measureLabel(m), values: people.weekly.map((w) => percentOf(w, m)) }))}
                formatWeek={(week) => formatDate(week).slice(0, 5)}
              />
              <figcaption>{t('coverage.people.weekly')}</figcaption>
            </figure>
          </div>
          <DataTable
            caption={t('coverage.people.table')}
            columns={[
              { header: t('person.province'), cell: (p) => p.name },
              { header: t('coverage.people.target'), className: 'numeric', cell: (p) => formatNumber(p.targetPopulation ?? 0) },
              ...measures.map((m) => ({
                header: measureLabel(m),
                className: 'numeric',
                cell: (p: CoverageFigures) => `${formatNumber(p[m])} · ${formatShare(percentOf(p, m))}`,
              })),
            ]}
            rows={[...people.provinces].sort((a, b) => (percentOf(a, measure) ?? 0) - (percentOf(b, measure) ?? 0))}
            rowKey={(p) => p.provinceCode}
          />
        </section>
      ) : null}
      <h2>{t('coverage.chartByProvince')}</h2>
      <p aria-live="polite">
        {report.data ? t('coverage.total', { doses: formatNumber(total), period }) : null}
      </p>

      {bars.length ? (
        <figure className="chart">
          <StackedBarChart
            title={
              perProvince
                ? t('coverage.chartByProvince')
                : t('coverage.chartByVaccine', { province: provinceName(provinceCode) })
            }
            description={t('coverage.chartDescription', { period })}
            bars={bars}
            series={doseNumbers.map((n) => t('dose.numberN', { number: n }))}
          />
          <figcaption>
            {perProvince
              ? t('coverage.chartByProvince')
              : t('coverage.chartByVaccine', { province: provinceName(provinceCode) })}
          </figcaption>
        </figure>
      ) : null}

      <DataTable
        caption={t('coverage.tableCaption', { period })}
        columns={[
          { header: t('person.province'), cell: (line) => provinceName(line.provinceCode) },
          { header: t('dose.vaccine'), cell: (line) => vaccineName(line.vaccineCode) },
          { header: t('dose.number'), cell: (line) => line.doseNumber },
          { header: t('coverage.doses'), className: 'numeric', cell: (line) => formatNumber(line.doses) },
        ]}
        rows={lines}
        rowKey={(line) => `${line.provinceCode}-${line.vaccineCode}-${line.doseNumber}`}
        empty={report.loading ? t('common.loading') : t('coverage.none')}
        foot={
          lines.length ? (
            <tfoot>
              <tr>
                <th scope="row" colSpan={3}>
                  {t('coverage.sum')}
                </th>
                <td className="numeric">{formatNumber(total)}</td>
              </tr>
            </tfoot>
          ) : null
        }
      />
    </Page>
  );
}
