import { topicAccess, topicsWrittenOnlyBy } from './topic-access';
import { allTopics, Topics } from './topics';

const accessOf = (topic: string) => topicAccess.find((entry) => entry.topic === topic);

describe('the topic access map', () => {
  it('names every topic once', () => {
    expect(topicAccess.map((entry) => entry.topic).sort()).toEqual([...allTopics].sort());
  });

  it('lets registry alone write the certificate holder feed and immunization alone read it', () => {
    expect(accessOf(Topics.registryHolder)).toEqual({ topic: Topics.registryHolder, writers: ['registry'], readers: ['immunization'] });
    expect(topicsWrittenOnlyBy('registry')).toContain(Topics.registryHolder);
  });

  it('lets immunization read its own record topic, where the certificates learn of dose corrections', () => {
    expect(accessOf(Topics.immunizationRecord)?.readers).toContain('immunization');
  });
});
