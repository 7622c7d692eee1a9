/**
 * Explicit entity resolution for Epoch's names. Every mapping is written here by hand; a name that is not
 * here (exactly, case-sensitive after trimming) becomes a new entity marked `resolution: unresolved-new`
 * and is listed in the import report. No fuzzy matching.
 */

export interface KnownEntity {
  key: string;
  kind: 'Company' | 'Organization';
  /** Set only for entities this importer declares; entities of the seed are referenced, never rewritten. */
  declare?: { name: string; aliases?: string[]; unitOf?: string; description?: string };
}

const seed = (key: string): KnownEntity => ({ key, kind: 'Company' });
const unit = (key: string, name: string, unitOf: string, aliases: string[] = []): KnownEntity => ({
  key,
  kind: 'Company',
  declare: { name, aliases, unitOf },
});
const company = (key: string, name: string, aliases: string[] = []): KnownEntity => ({
  key,
  kind: 'Company',
  declare: { name, aliases },
});

const ALIBABA_CLOUD = unit('company:alibaba-cloud', 'Alibaba Cloud', 'company:alibaba', ['Aliyun']);
const META_AI = unit('company:meta-ai', 'Meta AI', 'company:meta');
const GOOGLE = unit('company:google', 'Google', 'company:alphabet', ['Google LLC']);
const GOOGLE_DEEPMIND = unit('company:google-deepmind', 'Google DeepMind', 'company:google', ['DeepMind']);
const GOOGLE_CLOUD = unit('company:google-cloud', 'Google Cloud', 'company:google');
const AZURE = unit('company:microsoft-azure', 'Microsoft Azure', 'company:microsoft', ['Azure']);
const AWS = unit('company:aws', 'Amazon Web Services', 'company:amazon', ['AWS', 'Amazon AWS']);
const HUAWEI = company('company:huawei', 'Huawei', ['Huawei Technologies']);
const AMD = company('company:amd', 'AMD', ['Advanced Micro Devices']);
const INTEL = company('company:intel', 'Intel');
const CEREBRAS = company('company:cerebras', 'Cerebras Systems', ['Cerebras']);
const TESLA = company('company:tesla', 'Tesla');
const GROQ = company('company:groq', 'Groq');
const PEZY = company('company:pezy-computing', 'PEZY Computing', ['PEZY']);
// Named in data_centers.csv's Investors column (and as owners/users elsewhere): companies, not unknown organisations.
const SOFTBANK = company('company:softbank', 'SoftBank Group', ['Softbank', 'SoftBank']);
const OPENAI = company('company:openai', 'OpenAI');
const ORACLE = company('company:oracle', 'Oracle');
const CISCO = company('company:cisco', 'Cisco');
const G42 = company('company:g42', 'G42');

/** Owner, user and supplier names as Epoch writes them → graph entity. */
export const ORG_ALIASES: Record<string, KnownEntity> = {
  Alibaba: seed('company:alibaba'),
  'Alibaba Cloud': ALIBABA_CLOUD,
  ByteDance: seed('company:bytedance'),
  Tencent: seed('company:tencent'),
  Baidu: seed('company:baidu'),
  Meta: seed('company:meta'),
  'Meta AI': META_AI,
  Google: GOOGLE,
  'Google DeepMind': GOOGLE_DEEPMIND,
  // DeepMind merged with Google Brain into Google DeepMind (2023); Epoch's older rows keep the old name.
  DeepMind: GOOGLE_DEEPMIND,
  'Google Cloud': GOOGLE_CLOUD,
  Microsoft: seed('company:microsoft'),
  'Microsoft Azure': AZURE,
  Azure: AZURE,
  Amazon: seed('company:amazon'),
  AWS: AWS,
  'Amazon AWS': AWS,
  NVIDIA: seed('company:nvidia'),
  Nvidia: seed('company:nvidia'),
  Huawei: HUAWEI,
  AMD: AMD,
  Intel: INTEL,
  Cerebras: CEREBRAS,
  'Cerebras Systems': CEREBRAS,
  Tesla: TESLA,
  PEZY: PEZY,
  Softbank: SOFTBANK,
  SoftBank: SOFTBANK,
  OpenAI: OPENAI,
  Oracle: ORACLE,
  Cisco: CISCO,
  G42: G42,
};

export interface KnownChip {
  key: string;
  /** Present for chips this importer declares; seed chips (H100, H20) are referenced as they are. */
  declare?: { name: string; vendor: string; family?: string };
}

const seedChip = (key: string): KnownChip => ({ key });
const chip = (key: string, name: string, vendor: string, family?: string): KnownChip => ({
  key,
  declare: { name, vendor, ...(family ? { family } : {}) },
});

const NVIDIA = 'company:nvidia';
const BLACKWELL = 'chip:nvidia-blackwell';
const A100 = chip('chip:nvidia-a100', 'Nvidia A100', NVIDIA);
const V100 = chip('chip:nvidia-v100', 'Nvidia V100', NVIDIA);
const P100 = chip('chip:nvidia-p100', 'Nvidia P100', NVIDIA);
const K40 = chip('chip:nvidia-k40', 'Nvidia Tesla K40', NVIDIA);
const H200 = chip('chip:nvidia-h200', 'Nvidia H200', NVIDIA);
const B200 = chip('chip:nvidia-b200', 'Nvidia B200', NVIDIA, BLACKWELL);
const B300 = chip('chip:nvidia-b300', 'Nvidia B300 (Blackwell Ultra)', NVIDIA, BLACKWELL);
const GB200 = chip('chip:nvidia-gb200', 'Nvidia GB200', NVIDIA, BLACKWELL);
const GB300 = chip('chip:nvidia-gb300', 'Nvidia GB300 (Blackwell Ultra)', NVIDIA, BLACKWELL);
const tpu = (v: string) => chip(`chip:google-tpu-${v}`, `Google TPU ${v}`, GOOGLE.key);
const TRAINIUM2 = chip('chip:aws-trainium2', 'AWS Trainium2', AWS.key);
const ASCEND_910C = chip('chip:huawei-ascend-910c', 'Huawei Ascend 910C', HUAWEI.key);

/**
 * Chip type strings of both datasets → Chip entity. Board and memory variants of one chip (A100 SXM4 40 GB,
 * A100 PCIe …) map to the chip; the verbatim string stays in each assertion's snippet. Blackwell parts are
 * UNIT_OF the seed's "Blackwell series" family, which the seed's export-control assertion names.
 */
export const CHIP_ALIASES: Record<string, KnownChip> = {
  'NVIDIA H100 SXM5 80GB': seedChip('chip:nvidia-h100'),
  H100: seedChip('chip:nvidia-h100'),
  H20: seedChip('chip:nvidia-h20'),
  'NVIDIA H200 SXM': H200,
  H200: H200,
  'NVIDIA A100': A100,
  'NVIDIA A100 SXM4 40 GB': A100,
  'NVIDIA A100 SXM4 80 GB': A100,
  'NVIDIA A100 PCIe': A100,
  A100: A100,
  'NVIDIA V100': V100,
  'NVIDIA Tesla V100 SXM2': V100,
  'NVIDIA Tesla V100 DGXS 32 GB': V100,
  'NVIDIA Tesla V100 SXM2 32 GB': V100,
  'NVIDIA P100': P100,
  'NVIDIA Tesla P100 PCIe 16GB': P100,
  'NVIDIA Tesla P100 SXM2': P100,
  'NVIDIA Tesla K20X': chip('chip:nvidia-k20x', 'Nvidia Tesla K20X', NVIDIA),
  'NVIDIA Tesla K40c': K40,
  'NVIDIA Tesla K40m': K40,
  'NVIDIA Tesla K80': chip('chip:nvidia-k80', 'Nvidia Tesla K80', NVIDIA),
  'NVIDIA GH200': chip('chip:nvidia-gh200', 'Nvidia GH200', NVIDIA),
  'NVIDIA L40': chip('chip:nvidia-l40', 'Nvidia L40', NVIDIA),
  'NVIDIA A40 PCIe': chip('chip:nvidia-a40', 'Nvidia A40', NVIDIA),
  'NVIDIA Quadro RTX 5000': chip('chip:nvidia-quadro-rtx-5000', 'Nvidia Quadro RTX 5000', NVIDIA),
  'NVIDIA B200': B200,
  B200: B200,
  'NVIDIA GB200': GB200,
  'NVIDIA GB300 (Blackwell Ultra)': GB300,
  B300: B300,
  R200: chip('chip:nvidia-r200', 'Nvidia R200 (Rubin)', NVIDIA),
  R300: chip('chip:nvidia-r300', 'Nvidia R300 (Rubin Ultra)', NVIDIA),
  'Google TPU v1': tpu('v1'),
  'Google TPU v2': tpu('v2'),
  'Google TPU v3': tpu('v3'),
  'Google TPU v4': tpu('v4'),
  'TPU v4': tpu('v4'),
  'Google TPU v5e': tpu('v5e'),
  'TPU v5e': tpu('v5e'),
  'Google TPU v5p': tpu('v5p'),
  'TPU v5p': tpu('v5p'),
  'TPU v6e': tpu('v6e'),
  'TPU v7': tpu('v7'),
  'AMD Radeon Instinct MI250X': chip('chip:amd-mi250x', 'AMD Instinct MI250X', AMD.key),
  'AMD Instinct MI300A': chip('chip:amd-mi300a', 'AMD Instinct MI300A', AMD.key),
  'AMD Instinct MI300X': chip('chip:amd-mi300x', 'AMD Instinct MI300X', AMD.key),
  'AMD Instinct MI210': chip('chip:amd-mi210', 'AMD Instinct MI210', AMD.key),
  'Cerebras CS-1': chip('chip:cerebras-cs-1', 'Cerebras CS-1', CEREBRAS.key),
  'Cerebras CS-2': chip('chip:cerebras-cs-2', 'Cerebras CS-2', CEREBRAS.key),
  'Cerebras CS-3': chip('chip:cerebras-cs-3', 'Cerebras CS-3', CEREBRAS.key),
  'Tesla D1 Dojo': chip('chip:tesla-d1', 'Tesla D1 (Dojo)', TESLA.key),
  'PEZY-SC2': chip('chip:pezy-sc2', 'PEZY-SC2', PEZY.key),
  'Amazon Trainium1': chip('chip:aws-trainium1', 'AWS Trainium1', AWS.key),
  'Amazon Trainium2': TRAINIUM2,
  Trainium2: TRAINIUM2,
  'Intel Data Center GPU Max 1550': chip('chip:intel-gpu-max-1550', 'Intel Data Center GPU Max 1550', INTEL.key),
  'Intel Habana Gaudi2': chip('chip:intel-gaudi2', 'Intel Gaudi 2', INTEL.key),
  'GroqChip LPU v1': chip('chip:groq-lpu-v1', 'GroqChip LPU v1', GROQ.key),
  'Huawei Ascend 910B': chip('chip:huawei-ascend-910b', 'Huawei Ascend 910B', HUAWEI.key),
  'Ascend 910C': ASCEND_910C,
  'Maia 100 (M100)': chip('chip:microsoft-maia-100', 'Microsoft Maia 100', 'company:microsoft'),
};

/** Chip vendors the chip table needs; declared with the import even when no row names them as an owner. */
export const VENDORS: KnownEntity[] = [GOOGLE, AWS, HUAWEI, AMD, INTEL, CEREBRAS, TESLA, GROQ, PEZY];

export interface Country {
  iso2: string;
  name: string;
}

/** Country names of both datasets → ISO 3166-1 alpha-2; keys are `place:<iso2>` like the seed's place:cn. */
export const COUNTRIES: Record<string, Country> = {
  China: { iso2: 'CN', name: 'China' },
  'United States of America': { iso2: 'US', name: 'United States' },
  'United States': { iso2: 'US', name: 'United States' },
  Malaysia: { iso2: 'MY', name: 'Malaysia' },
  Japan: { iso2: 'JP', name: 'Japan' },
  France: { iso2: 'FR', name: 'France' },
  'Korea (Republic of)': { iso2: 'KR', name: 'South Korea' },
  India: { iso2: 'IN', name: 'India' },
  Germany: { iso2: 'DE', name: 'Germany' },
  'Saudi Arabia': { iso2: 'SA', name: 'Saudi Arabia' },
  Brazil: { iso2: 'BR', name: 'Brazil' },
  'United Arab Emirates': { iso2: 'AE', name: 'United Arab Emirates' },
  Italy: { iso2: 'IT', name: 'Italy' },
  'United Kingdom of Great Britain and Northern Ireland': { iso2: 'GB', name: 'United Kingdom' },
  'United Kingdom': { iso2: 'GB', name: 'United Kingdom' },
  Sweden: { iso2: 'SE', name: 'Sweden' },
  Russia: { iso2: 'RU', name: 'Russia' },
  Canada: { iso2: 'CA', name: 'Canada' },
  Taiwan: { iso2: 'TW', name: 'Taiwan' },
  Singapore: { iso2: 'SG', name: 'Singapore' },
  Thailand: { iso2: 'TH', name: 'Thailand' },
  Finland: { iso2: 'FI', name: 'Finland' },
  Australia: { iso2: 'AU', name: 'Australia' },
  Switzerland: { iso2: 'CH', name: 'Switzerland' },
  Poland: { iso2: 'PL', name: 'Poland' },
  'Hong Kong': { iso2: 'HK', name: 'Hong Kong' },
  Norway: { iso2: 'NO', name: 'Norway' },
  Israel: { iso2: 'IL', name: 'Israel' },
  Netherlands: { iso2: 'NL', name: 'Netherlands' },
  Iceland: { iso2: 'IS', name: 'Iceland' },
  Vietnam: { iso2: 'VN', name: 'Vietnam' },
  'Philippines (the)': { iso2: 'PH', name: 'Philippines' },
  Spain: { iso2: 'ES', name: 'Spain' },
  Denmark: { iso2: 'DK', name: 'Denmark' },
  Luxembourg: { iso2: 'LU', name: 'Luxembourg' },
  Czechia: { iso2: 'CZ', name: 'Czechia' },
  Slovenia: { iso2: 'SI', name: 'Slovenia' },
  Mexico: { iso2: 'MX', name: 'Mexico' },
  Indonesia: { iso2: 'ID', name: 'Indonesia' },
  Portugal: { iso2: 'PT', name: 'Portugal' },
};

/** The seed's countries: referenced, never re-declared. */
export const SEED_PLACES = new Set(['place:cn', 'place:us', 'place:my', 'place:my-johor']);

export interface Locality {
  key: string;
  name: string;
  placeType: string;
  partOf: string;
  /** Why the site is placed here (Epoch's cells, or the stated geography when a cell is blank). */
  basis: string;
}

const KULAI: Locality = {
  key: 'place:my-johor-kulai',
  name: 'Kulai',
  placeType: 'district',
  partOf: 'place:my-johor',
  basis: 'Kulai is a district of Johor, Malaysia.',
};
const NUSAJAYA: Locality = {
  key: 'place:my-johor-nusajaya',
  name: 'Nusajaya (Iskandar Puteri)',
  placeType: 'city',
  partOf: 'place:my-johor',
  basis:
    'Nusajaya (now Iskandar Puteri) is in Johor, Malaysia; Epoch leaves the address blank and its Selected Sources cite DayOne’s Johor page.',
};

/** Localities below country level, matched exactly: a GPU-cluster `Location` that contains the text … */
export const LOCALITY_BY_LOCATION_TEXT: [string, Locality][] = [['Kulai, Johor', KULAI]];
/** … or a Frontier Data Centers site name. */
export const LOCALITY_BY_SITE_NAME: Record<string, Locality> = {
  'DayOne Nusajaya': NUSAJAYA,
  'Bridge Data Centres Kulai': KULAI,
};
