namespace Conclave.Client.Media;

/// <summary>
/// One m= section of the peer's offer, as the answer must mirror it (RFC 9429 §5.3.1): the answer has a
/// section for each offered one, in the same order, and a section the leg does not take is rejected with
/// port 0 and keeps its mid.
/// </summary>
/// <param name="Media">audio, video, application...</param>
/// <param name="Mid">The section's a=mid, or null when the offer gave none.</param>
/// <param name="Protocol">The offered transport protocol, repeated in the rejection.</param>
/// <param name="Format">The first offered format, repeated in the rejection (an m= line needs one).</param>
/// <param name="Taken">True for the audio section this leg answers.</param>
internal sealed record OfferedSection(string Media, string? Mid, string Protocol, string Format, bool Taken);
