import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { FAMILY, member, parameterCount, receptiveFields, stageLayers, weightShapes } from './architecture';

interface PythonMember {
  weights: { name: string; shape: number[] }[];
  parameters: number;
}

function pythonDescription(): Record<string, PythonMember> {
  const out = execFileSync('/usr/bin/python3', ['-m', 'cpm_train.model.describe'], { cwd: 'training', encoding: 'utf8' });
  return JSON.parse(out) as Record<string, PythonMember>;
}

describe('architectures.json', () => {
  it('builds the same layers, shapes and parameter counts in TypeScript and PyTorch', () => {
    const python = pythonDescription();
    for (const id of Object.keys(FAMILY.members)) {
      expect(weightShapes(member(id))).toEqual(python[id].weights);
      expect(parameterCount(member(id))).toBe(python[id].parameters);
    }
  });

  it("describes the paper's VGG CPM: 368 in, 46² maps, six stages, about 30 M parameters", () => {
    const vgg = member('cpm-vgg');
    expect(vgg.inputSize / vgg.stride).toBe(46);
    expect(vgg.stages).toBe(6);
    expect(parameterCount(vgg) / 1e6).toBeCloseTo(29.9, 0);
    expect(stageLayers(vgg, 3).map((l) => l.name)[0]).toBe('Mconv1_stage3');
  });

  it('gives every stage a larger receptive field than the one before', () => {
    for (const id of Object.keys(FAMILY.members)) {
      const fields = receptiveFields(member(id));
      for (let t = 1; t < fields.length; t += 1) expect(fields[t]).toBeGreaterThan(fields[t - 1]);
    }
  });
});
