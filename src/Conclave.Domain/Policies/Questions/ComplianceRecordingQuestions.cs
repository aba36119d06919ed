using Conclave.Domain.Policies.Schema;

namespace Conclave.Domain.Policies.Questions;

/// <summary>Compliance recording questions: is this user recorded, and by which applications.</summary>
public sealed class ComplianceRecordingQuestions
{
    private static readonly PolicyParameter Enabled = PolicyTypes.TeamsComplianceRecordingPolicy.FindParameter("Enabled")!;
    private static readonly PolicyParameter Applications = PolicyTypes.TeamsComplianceRecordingPolicy.FindParameter("ComplianceRecordingApplications")!;
    private static readonly PolicyParameter RecordRerouted = PolicyTypes.TeamsComplianceRecordingPolicy.FindParameter("RecordReroutedCalls")!;
    private readonly PolicyDirectory _directory;

    internal ComplianceRecordingQuestions(PolicyDirectory directory) => _directory = directory;

    /// <summary>True when the user's effective compliance recording policy is enabled.</summary>
    public bool IsUnderComplianceRecording(Guid user) =>
        _directory.Resolve(user, PolicyTypes.TeamsComplianceRecordingPolicy).Policy.GetBoolean(Enabled);

    /// <summary>The recorder applications to invite into the user's calls; empty when not recorded.</summary>
    public IReadOnlyList<string> RecordingApplicationsFor(Guid user)
    {
        var policy = _directory.Resolve(user, PolicyTypes.TeamsComplianceRecordingPolicy).Policy;
        return policy.GetBoolean(Enabled) ? policy.GetItems(Applications) : [];
    }

    /// <summary>Whether calls rerouted to voicemail or forwarded are recorded too.</summary>
    public bool RecordsReroutedCalls(Guid user)
    {
        var policy = _directory.Resolve(user, PolicyTypes.TeamsComplianceRecordingPolicy).Policy;
        return policy.GetBoolean(Enabled) && policy.GetBoolean(RecordRerouted);
    }
}
