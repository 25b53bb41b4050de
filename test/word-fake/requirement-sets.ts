/**
 * The requirement sets each profile supports, and the check Office makes before running a member
 * of a set the host lacks.
 */
import { FakeOfficeError } from './errors';

export type FakeWordProfile = 'desktop' | 'web';

/** A requirement set and the lowest version that has the member. */
export type Requirement = { set: string; version: string };

/** Highest version of each set, per profile; sets that are absent are not supported. */
const PROFILE_SETS: Readonly<Record<FakeWordProfile, Readonly<Record<string, string>>>> = {
  desktop: { WordApi: '1.9', WordApiHiddenDocument: '1.5', WordApiDesktop: '1.4' },
  web: { WordApi: '1.9' },
};

export function api(version: string): Requirement {
  return { set: 'WordApi', version };
}

export function hiddenDocumentApi(version: string): Requirement {
  return { set: 'WordApiHiddenDocument', version };
}

export class RequirementSets {
  private readonly highest = new Map<string, string>();

  constructor(
    readonly profile: FakeWordProfile,
    overrides: Readonly<Record<string, string | null>> = {},
  ) {
    const sets: Record<string, string | null> = { ...PROFILE_SETS[profile], ...overrides };
    for (const [name, version] of Object.entries(sets)) {
      if (version !== null) {
        this.highest.set(name.toLowerCase(), version);
      }
    }
  }

  /** Same contract as `Office.context.requirements.isSetSupported`. */
  isSupported(name: string, minVersion: string): boolean {
    const highest = this.highest.get(name.toLowerCase());
    return highest !== undefined && compareVersions(highest, minVersion) >= 0;
  }

  /**
   * Throws the error Word raises for a member of a set it lacks: `ApiNotFound`, except for the
   * hidden-document members on the web, which Word on the web rejects with `NotAllowed`.
   */
  check(requirement: Requirement, member: string): void {
    if (this.isSupported(requirement.set, requirement.version)) {
      return;
    }

    const label = `${member} needs ${requirement.set} ${requirement.version}`;
    if (requirement.set === 'WordApiHiddenDocument' && this.profile === 'web') {
      throw new FakeOfficeError('NotAllowed', `${label}, which Word on the web does not allow.`);
    }
    throw new FakeOfficeError('ApiNotFound', `${label}, which this host does not support.`);
  }
}

/** Compares dotted versions numerically ("1.10" > "1.9"); a missing part counts as 0. */
export function compareVersions(left: string, right: string): number {
  const a = left.split('.').map(Number);
  const b = right.split('.').map(Number);

  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (Number.isNaN(difference)) {
      return Number.NaN;
    }
    if (difference !== 0) {
      return difference;
    }
  }
  return 0;
}
