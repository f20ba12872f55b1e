/**
 * softmax over m classes near uniform output: p ≈ (1 + z - z̄)/m, so a second moment of the logits
 * s (E[z²] = q, or the cross-sample E[z_b z_b'] = q c) gives E[p p'] ≈ (1 + s(1 - 1/m))/m², and
 * the Jacobian diag(p) - ppᵀ ≈ (I - 11ᵀ/m)/m scales Δ by (1 - 1/m)/m². Shared by the softmax step
 * and the crossentropy scale, so both read the same linearisation.
 */
export function softmaxSecondMoment(classes: number, logitMoment: number): number {
  return (1 + logitMoment * (1 - 1 / classes)) / (classes * classes);
}

export function softmaxBackwardDelta(classes: number, delta: number): number {
  return (delta * (1 - 1 / classes)) / (classes * classes);
}
