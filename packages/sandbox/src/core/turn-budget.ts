// The event loop's share lives with the store, whose group commit takes part in it; adapters reach it here.
export {
  createTurnBudget,
  type Pause,
  type TurnBudget,
  type TurnBudgetOptions,
  turnBudget,
} from "../store/turn-budget.js";
