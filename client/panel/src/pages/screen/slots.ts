// Big-screen blocks that depend on later APIs (notices, public-safety alerts, 每月一题), added once those APIs exist.
import type { ComponentType } from 'react';
import { NoticeRotator } from './NoticeRotator';
import { MonthlyProblems } from './MonthlyProblems';
import { SafetyAlerts } from './SafetyAlerts';

export const SCREEN_CENTER: ComponentType[] = [NoticeRotator];
export const SCREEN_RIGHT: ComponentType[] = [SafetyAlerts, MonthlyProblems];
