using Conclave.Domain.Policies.Schema;

namespace Conclave.Domain.Policies.Questions;

/// <summary>
/// Meeting policy questions about an organiser (or, for Meet now and scheduling, the user acting).
/// Enforcement lives with meetings; this answers from the organiser's effective TeamsMeetingPolicy.
/// </summary>
public sealed class MeetingQuestions
{
    private static readonly PolicyType Type = PolicyTypes.TeamsMeetingPolicy;
    private static readonly PolicyParameter AutoAdmitted = Type.FindParameter("AutoAdmittedUsers")!;
    private static readonly PolicyParameter PstnBypass = Type.FindParameter("AllowPSTNUsersToBypassLobby")!;
    private static readonly PolicyParameter Anonymous = Type.FindParameter("AllowAnonymousUsersToJoinMeeting")!;
    private static readonly PolicyParameter Presenter = Type.FindParameter("DesignatedPresenterRoleMode")!;
    private static readonly PolicyParameter CloudRecording = Type.FindParameter("AllowCloudRecording")!;
    private static readonly PolicyParameter Transcription = Type.FindParameter("AllowTranscription")!;
    private static readonly PolicyParameter GiveControl = Type.FindParameter("AllowExternalParticipantGiveRequestControl")!;
    private static readonly PolicyParameter MeetNow = Type.FindParameter("AllowMeetNow")!;
    private static readonly PolicyParameter PrivateScheduling = Type.FindParameter("AllowPrivateMeetingScheduling")!;
    private readonly PolicyDirectory _directory;

    internal MeetingQuestions(PolicyDirectory directory) => _directory = directory;

    public AutoAdmittedUsers WhoBypassesLobby(Guid organizer) => Policy(organizer).GetEnum<AutoAdmittedUsers>(AutoAdmitted);

    public bool MayPstnCallersBypassLobby(Guid organizer) => Policy(organizer).GetBoolean(PstnBypass);

    public bool MayAnonymousUsersJoin(Guid organizer) => Policy(organizer).GetBoolean(Anonymous);

    public DesignatedPresenterRoleMode DefaultPresenters(Guid organizer) => Policy(organizer).GetEnum<DesignatedPresenterRoleMode>(Presenter);

    public bool CanRecordInCloud(Guid user) => Policy(user).GetBoolean(CloudRecording);

    public bool CanTranscribe(Guid user) => Policy(user).GetBoolean(Transcription);

    public bool MayExternalParticipantsGiveOrRequestControl(Guid organizer) => Policy(organizer).GetBoolean(GiveControl);

    public bool CanMeetNow(Guid user) => Policy(user).GetBoolean(MeetNow);

    public bool CanSchedulePrivateMeetings(Guid user) => Policy(user).GetBoolean(PrivateScheduling);

    private Policy Policy(Guid user) => _directory.Resolve(user, Type).Policy;
}
