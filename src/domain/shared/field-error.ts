/** A validation error: where (a field path such as "levels.red.threshold" or "quantity") and what, in zh-CN. */
export interface FieldError {
  path: string;
  message: string;
}
