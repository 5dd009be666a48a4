using Outreach.Agent.Wording;
using Outreach.Residents.Archive;
using Outreach.Telephony.Messaging;

namespace Outreach.Campaigns.Definition;

/// <summary>
/// GET /api/campaigns/{id}/preview: the audience size, every segment's wording, sample filled messages, and warnings
/// staff should read before launch (e.g. "no English text: residents with language en will receive the original").
/// </summary>
public sealed record PreviewView(int Audience, IReadOnlyList<SegmentPreview> Segments, IReadOnlyList<SampleMessage> Samples, IReadOnlyList<string> Warnings);

/// <summary>A segment's wording; <paramref name="Sms"/> is its encoding and segment count for SMS.</summary>
public sealed record SegmentPreview(string Language, string Audience, ContactChannel Channel, int Residents, string Template, WordingSource Source, SmsEncoding? Sms);

public sealed record SampleMessage(int ResidentId, string Name, ContactChannel Channel, string Text, SmsEncoding? Sms);
