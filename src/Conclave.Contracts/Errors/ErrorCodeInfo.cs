namespace Conclave.Contracts.Errors;

/// <summary>One entry of the error-code list: the stable <paramref name="Code"/> clients branch on and what it means.</summary>
/// <param name="Code">The wire code, <c>area.snake_case</c> (e.g. <c>call.e2ee_active</c>).</param>
/// <param name="Description">What the refusal means and what the caller can do about it.</param>
public sealed record ErrorCodeInfo(string Code, string Description);
