namespace Conclave.Domain.Policies.Assignment;

/// <summary>
/// A policy granted to a group (<c>Grant-… -Group</c> / <c>New-CsGroupPolicyAssignment</c>) at a
/// <see cref="Rank"/>: 1 is the best. Ranks of one type are always 1..n without gaps.
/// </summary>
public sealed record GroupAssignment(Guid GroupId, string GroupName, Policy Policy, int Rank);
