import type { Rule } from '../types.js';
import { kafkaUnbounded } from './kafka-unbounded.js';
import { deltaUnbounded } from './delta-unbounded.js';
import { autoloaderUnbounded } from './autoloader-unbounded.js';
import { triggerOnce } from './trigger-once.js';
import { undersizedCluster } from './undersized-cluster.js';
import { shufflePartitionsDefault } from './shuffle-partitions-default.js';

export const rules: Rule[] = [kafkaUnbounded, deltaUnbounded, autoloaderUnbounded, triggerOnce, undersizedCluster, shufflePartitionsDefault];
