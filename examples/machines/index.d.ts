// Types for the example machines (plain JavaScript modules, as a user would write them).
import type { AnyStateMachine } from 'xstate';

export declare const trafficLightMachine: AnyStateMachine;
export declare const fetchMachine: AnyStateMachine;
export declare const playerMachine: AnyStateMachine;
export declare const wordMachine: AnyStateMachine;
