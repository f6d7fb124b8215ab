import { describe, expect, it } from 'vitest';
import { facetValues, parseView, viewToParams, withFacetValues, streamParams } from '@/components/view';

describe('view ⇄ URL', () => {
  it('round-trips every part of the view and omits defaults', () => {
    const url = 'l=app%3Dweb&ns=content&f=capacityType%3Dspot%2Fon-demand&o=pod.spec.nodeName&sort=-cpuRequest&q=api&w=podName%3A300&group=nodeGroup&hide=zone&ctx=prod&sel=abc';
    const { view, error } = parseView(new URLSearchParams(url));
    expect(error).toBeNull();
    const again = parseView(viewToParams(view));
    expect(again.view).toEqual(view);
    expect(viewToParams(parseView(new URLSearchParams()).view).toString()).toBe('');
  });

  it('reports a malformed query with the parser message and keeps the UI params', () => {
    const { view, error } = parseView(new URLSearchParams('f=node.metadata.labels%5Bzone%3Dx&q=abc'));
    expect(error?.message).toMatch(/\]/);
    expect(error?.param).toBe('f');
    expect(view.q).toBe('abc');
  });

  it('facet chips edit one include clause, whatever alias the URL used', () => {
    const { view } = parseView(new URLSearchParams('f=node_lifecycle%3Dspot'));
    expect(facetValues(view.query, 'capacityType')).toEqual(['spot']);
    const two = withFacetValues(view.query, 'capacityType', ['spot', 'on-demand']);
    expect(two.include).toHaveLength(1);
    expect(facetValues(two, 'capacityType')).toEqual(['spot', 'on-demand']);
    expect(withFacetValues(two, 'capacityType', []).include).toHaveLength(0);
  });

  it('the stream is asked for the query without its sort (the page sorts)', () => {
    const { view } = parseView(new URLSearchParams('ns=content&sort=podName&q=x&ctx=prod'));
    expect(streamParams(view)).toBe('ns=content&ctx=prod');
  });
});
