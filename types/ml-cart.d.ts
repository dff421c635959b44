/** Minimal typings for ml-cart 2.x, which ships none. Only what the project uses. */
declare module 'ml-cart' {
  export interface CartOptions {
    gainFunction?: 'gini' | 'regression';
    splitFunction?: 'mean';
    minNumSamples?: number;
    maxDepth?: number;
    gainThreshold?: number;
  }
  export class DecisionTreeClassifier {
    constructor(options?: CartOptions);
    train(X: number[][], y: number[]): void;
    predict(X: number[][]): number[];
    toJSON(): Record<string, unknown>;
    static load(model: Record<string, unknown>): DecisionTreeClassifier;
  }
  export class DecisionTreeRegression {
    constructor(options?: CartOptions);
    train(X: number[][], y: number[]): void;
    predict(X: number[][]): number[];
    toJSON(): Record<string, unknown>;
    static load(model: Record<string, unknown>): DecisionTreeRegression;
  }
}
