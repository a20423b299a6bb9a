export * from '../../../bench/src/subject-generator';
