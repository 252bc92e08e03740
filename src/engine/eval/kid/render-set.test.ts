import { describe, expect, it } from 'vitest';
import { generateDataset, proceduralCategoryScene } from '../../data/procedural';
import { renderCategorySet } from './render-set';
import { SCENE_TARGET_NAMES } from './scene-targets';

const T = SCENE_TARGET_NAMES.length;
const at = (name: string) => SCENE_TARGET_NAMES.indexOf(name);

describe('category render sets', () => {
  const all = renderCategorySet({ split: 'train', scenes: 2, seed: 4, views: 'all' });
  const ds = generateDataset({ scenes: 2, seed: 4, split: 'train', resolution: 32, viewsPerScene: 8 });

  it("'all' reproduces generateDataset's views pixel for pixel, with each view's scene parameters", () => {
    expect(all.count).toBe(16);
    ds.forEach((s, si) => s.capture.views.forEach((v, vi) => {
      const i = si * 8 + vi;
      expect(all.images.subarray(i * 32 * 32 * 3, (i + 1) * 32 * 32 * 3)).toEqual(v.image.data);
      expect(all.sceneSeeds[i]).toBe(s.sceneSeed);
      const t = all.targets.subarray(i * T, (i + 1) * T);
      expect([t[at('body.r')], t[at('body.g')], t[at('body.b')]].map((x) => Math.fround(x))).toEqual(s.info.bodyColor.map((x) => Math.fround(x)));
      expect(t[at('head.dome')] + t[at('head.cone')] + t[at('head.box')]).toBe(1);
      const az = Math.atan2(t[at('camera.sinAzimuth')], t[at('camera.cosAzimuth')]);
      if (vi === 0) { // the front view: azimuth within 8 deg of +Z, elevation 10-25 deg
        expect(Math.abs(az)).toBeLessThan((8.01 * Math.PI) / 180);
        expect(t[at('camera.elevation')]).toBeGreaterThan((9.99 * Math.PI) / 180);
        expect(t[at('camera.elevation')]).toBeLessThan((25.01 * Math.PI) / 180);
      }
    }));
    const back = proceduralCategoryScene(ds[0].sceneSeed).info.parts.filter((p) => p.side === 'back').map((p) => p.name.split(':')[1]).filter((k) => k !== 'tailTip');
    const counted = ['knob', 'pack', 'fin', 'tail'].reduce((n, k) => n + all.targets[at(`backParts.${k}`)], 0);
    expect(counted).toBe(back.length);
  });

  it("'one' takes one of those views per scene; skipScenes continues the same scene sequence", () => {
    const one = renderCategorySet({ split: 'train', scenes: 2, seed: 4, views: 'one' });
    expect(one.count).toBe(2);
    for (let s = 0; s < 2; s++) {
      const img = one.images.subarray(s * 3072, (s + 1) * 3072);
      const match = ds[s].capture.views.findIndex((v) => v.image.data.every((x, k) => x === img[k]));
      expect(match).toBeGreaterThanOrEqual(0);
    }
    const second = renderCategorySet({ split: 'train', scenes: 1, seed: 4, views: 'one', skipScenes: 1 });
    expect(second.sceneSeeds).toEqual([ds[1].sceneSeed]);
    expect(() => renderCategorySet({ resolution: 32, renderResolution: 48 })).toThrow(/renderResolution \(48\) must be an integer multiple of resolution \(32\)/);
  });
});
