/** Coverage for reporters: doses given by province, vaccine and dose number over a period, as a table and a chart. */
import { useMemo, useState } from 'react';
import type { CoverageReport } from '../api/contract';
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
  const query = new URLSearchParams({
    from,
    to,
    ...(provinceCode ? { provinceCode } : {}),
    ...(vaccineCode ? { vaccineCode } : {}),
  }).toString();
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
