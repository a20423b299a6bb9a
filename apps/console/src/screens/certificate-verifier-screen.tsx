/**
 * The offline verifier: a QR code from the camera (jsQR on the video frames), from a picture, or pasted text,
 * checked on this device against the trust list and revocation list fetched once and kept on it. Apart from
 * that first download (and an explicit "update the lists") the page calls no server, so a verifier at a border
 * post or a venue keeps working without a network, and no certificate ever leaves the device.
 */
import jsQR from 'jsqr';
import { useCallback, useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { verifyOffline, type OfflineVerdict } from '../certificates/offline-verifier';
import {
  fetchVerificationMaterial,
  loadMaterial,
  MaterialRefused,
  saveMaterial,
  type MaterialProblem,
  type VerificationMaterial,
} from '../certificates/verification-material';
import { Page } from '../components/page';
import type { MessageKey } from '../i18n/dictionary';
import { formatDate, formatDateTime } from '../i18n/formatting';
import { useLanguage } from '../i18n/language';
import { useSession } from '../session/session';

type MaterialState =
  | { status: 'loading' }
  | { status: 'ready'; material: VerificationMaterial }
  | { status: 'missing'; problem: MaterialProblem | null };

/** Product names of the EU value set for the products the registry certifies; others show their code. */
const productNames: Record<string, string> = {
  'EU/1/21/1529': 'Vaxzevria (AstraZeneca)',
  'EU/1/20/1528': 'Comirnaty (Pfizer-BioNTech)',
  'EU/1/20/1507': 'Spikevax (Moderna)',
  'EU/1/20/1525': 'Jcovden (Janssen)',
  'BBIBP-CorV': 'BBIBP-CorV (Sinopharm)',
  'Sputnik-V': 'Sputnik V (Gamaleya)',
  Abdala: 'Abdala (CIGB)',
};

/** Reads a QR code from the pixels of a canvas, or null. */
function qrTextOn(canvas: HTMLCanvasElement): string | null {
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context || canvas.width === 0 || canvas.height === 0) return null;
  const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
  return jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
}

export function CertificateVerifierScreen() {
  const { t } = useLanguage();
  const { api } = useSession();
  const [materialState, setMaterialState] = useState<MaterialState>({ status: 'loading' });
  const [text, setText] = useState('');
  const [verdict, setVerdict] = useState<OfflineVerdict | null>(null);
  const [pictureProblem, setPictureProblem] = useState(false);
  const [scanning, setScanning] = useState(false);
  const [cameraRefused, setCameraRefused] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const material = materialState.status === 'ready' ? materialState.material : null;

  const download = useCallback(async () => {
    setMaterialState({ status: 'loading' });
    try {
      const fetched = await fetchVerificationMaterial((path) => api.get(path, { anonymous: true }));
      saveMaterial(fetched, localStorage);
      setMaterialState({ status: 'ready', material: fetched });
    } catch (error) {
      // Keep checking with the copy already on the device when an update fails.
      const cached = await loadMaterial(localStorage);
      setMaterialState(
        cached
          ? { status: 'ready', material: cached }
          : { status: 'missing', problem: error instanceof MaterialRefused ? error.problem : null },
      );
    }
  }, [api]);

  useEffect(() => {
    let current = true;
    void loadMaterial(localStorage).then((cached) => {
      if (!current) return;
      if (cached) setMaterialState({ status: 'ready', material: cached });
      else void download();
    });
    return () => {
      current = false;
    };
  }, [download]);

  const check = useCallback(
    async (candidate: string) => {
      if (!material) return;
      setVerdict(await verifyOffline(candidate, material));
    },
    [material],
  );

  const stopCamera = useCallback(() => {
    stream.current?.getTracks().forEach((track) => track.stop());
    stream.current = null;
    setScanning(false);
  }, []);
  useEffect(() => stopCamera, [stopCamera]);

  // While the camera runs, every frame is drawn to the canvas and searched for a QR code.
  useEffect(() => {
    if (!scanning) return;
    let frame = 0;
    const look = () => {
      const v = video.current;
      const c = canvas.current;
      if (v && c && v.readyState >= v.HAVE_CURRENT_DATA && v.videoWidth > 0) {
        c.width = v.videoWidth;
        c.height = v.videoHeight;
        c.getContext('2d', { willReadFrequently: true })?.drawImage(v, 0, 0);
        const found = qrTextOn(c);
        if (found) {
          stopCamera();
          setText(found);
          void check(found);
          return;
        }
      }
      frame = window.requestAnimationFrame(look);
    };
    frame = window.requestAnimationFrame(look);
    return () => window.cancelAnimationFrame(frame);
  }, [scanning, check, stopCamera]);

  const startCamera = async () => {
    setCameraRefused(false);
    setVerdict(null);
    try {
      const opened = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      stream.current = opened;
      if (video.current) {
        video.current.srcObject = opened;
        await video.current.play();
      }
      setScanning(true);
    } catch {
      stopCamera();
      setCameraRefused(true);
    }
  };

  const readPicture = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    setPictureProblem(false);
    setVerdict(null);
    if (!file || !canvas.current) return;
    try {
      const bitmap = await createImageBitmap(file);
      canvas.current.width = bitmap.width;
      canvas.current.height = bitmap.height;
      canvas.current.getContext('2d', { willReadFrequently: true })?.drawImage(bitmap, 0, 0);
      bitmap.close();
    } catch {
      setPictureProblem(true);
      return;
    }
    const found = qrTextOn(canvas.current);
    if (!found) {
      setPictureProblem(true);
      return;
    }
    setText(found);
    await check(found);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await check(text);
  };

  return (
    <Page title={t('verifier.title')} intro={<p>{t('verifier.intro')}</p>}>
      <div className="notice-slot" aria-live="polite">
        {materialState.status === 'loading' ? <p className="notice notice-info">{t('verifier.materialLoading')}</p> : null}
        {materialState.status === 'ready' ? (
          <p className="notice notice-success" data-testid="verifier-material">
            {t('verifier.materialReady', {
              keys: materialState.material.trustList.length,
              revoked: materialState.material.revocationList.payload.hashes.length,
              generated: formatDateTime(materialState.material.revocationList.payload.generatedAt),
              fetched: formatDateTime(materialState.material.fetchedAt),
            })}
          </p>
        ) : null}
        {materialState.status === 'missing' ? (
          <p className="notice notice-error" role="alert">
            {materialState.problem ? t(`verifier.material.${materialState.problem}`) : t('verifier.materialMissing')}
          </p>
        ) : null}
      </div>
      <div className="actions">
        <button type="button" onClick={() => void download()} disabled={materialState.status === 'loading'}>
          {t('verifier.refresh')}
        </button>
      </div>

      <div className="verifier-inputs">
        <section aria-labelledby="verifier-camera">
          <h2 id="verifier-camera">{t('verifier.scanTitle')}</h2>
          <div className="actions">
            {scanning ? (
              <button type="button" onClick={stopCamera}>
                {t('verifier.stopScan')}
              </button>
            ) : (
              <button type="button" className="primary" onClick={() => void startCamera()} disabled={!material}>
                {t('verifier.scan')}
              </button>
            )}
          </div>
          {scanning ? <p role="status">{t('verifier.scanning')}</p> : null}
          {cameraRefused ? <p className="notice notice-info">{t('verifier.cameraRefused')}</p> : null}
          <video ref={video} className="camera" hidden={!scanning} muted playsInline aria-label={t('verifier.video')} />
          <canvas ref={canvas} hidden />
          <div className="field">
            <label htmlFor="verifier-picture">{t('verifier.picture')}</label>
            <input
              id="verifier-picture"
              type="file"
              accept="image/*"
              aria-describedby="verifier-picture-hint"
              onChange={(e) => void readPicture(e)}
              disabled={!material}
            />
            <p className="hint" id="verifier-picture-hint">
              {t('verifier.pictureHint')}
            </p>
            {pictureProblem ? <p className="problem">{t('verifier.noQrInPicture')}</p> : null}
          </div>
        </section>

        <section aria-labelledby="verifier-paste">
          <h2 id="verifier-paste">{t('verifier.pasteTitle')}</h2>
          <form onSubmit={submit} noValidate aria-labelledby="verifier-paste">
            <div className="field">
              <label htmlFor="verifier-text">{t('verifier.text')}</label>
              <textarea
                id="verifier-text"
                rows={5}
                value={text}
                onChange={(e) => setText(e.target.value)}
                spellCheck={false}
                autoComplete="off"
                aria-describedby="verifier-text-hint"
              />
              <p className="hint" id="verifier-text-hint">
                {t('verifier.textHint')}
              </p>
            </div>
            <div className="actions">
              <button type="submit" className="primary" disabled={!material || !text.trim()}>
                {t('verifier.check')}
              </button>
            </div>
          </form>
        </section>
      </div>

      <div aria-live="assertive" aria-atomic="true">
        {verdict ? <VerdictPanel verdict={verdict} /> : null}
      </div>
    </Page>
  );
}

function VerdictPanel({ verdict }: { verdict: OfflineVerdict }) {
  const { t } = useLanguage();
  if (!verdict.valid) {
    return (
      <section className="verdict verdict-invalid" role="alert" data-reason={verdict.reason}>
        <h2>{t('verifier.invalid')}</h2>
        <p>{t(`verifier.reason.${verdict.reason}` as MessageKey)}</p>
      </section>
    );
  }
  const dcc = verdict.dcc as {
    nam?: { fn?: string; gn?: string; fnt?: string; gnt?: string };
    dob?: string;
    v?: Array<{ mp?: string; dn?: number; sd?: number; dt?: string; co?: string; is?: string }>;
  };
  const dose = dcc.v?.[0] ?? {};
  const name = [dcc.nam?.fn, dcc.nam?.gn].filter(Boolean).join(' ');
  const transliterated = [dcc.nam?.fnt, dcc.nam?.gnt].filter(Boolean).join('<');
  const rows: Array<[string, string]> = [
    [t('verifier.holder'), name || '—'],
    [t('verifier.holderIcao'), transliterated || '—'],
    [t('verifier.dob'), dcc.dob && /^\d{4}-\d{2}-\d{2}$/.test(dcc.dob) ? formatDate(dcc.dob) : (dcc.dob ?? '—')],
    [t('verifier.vaccine'), dose.mp ? (productNames[dose.mp] ?? dose.mp) : '—'],
    [t('verifier.dose'), t('verifier.doseOf', { dn: dose.dn ?? '?', sd: dose.sd ?? '?' })],
    [t('verifier.date'), formatDate(dose.dt)],
    [t('verifier.country'), dose.co ?? '—'],
    [t('verifier.issuer'), dose.is ?? '—'],
    [t('verifier.uvci'), verdict.uvci ?? '—'],
    [t('verifier.expires'), formatDateTime(verdict.expiresAt)],
  ];
  return (
    <section className="verdict verdict-valid" role="status">
      <h2>{t('verifier.valid')}</h2>
      <p>{t('verifier.validDetail')}</p>
      <dl className="verdict-facts">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
