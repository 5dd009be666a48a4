using Outreach.Residents.Archive;

namespace Outreach.Residents.Demo;

/// <summary>One resident of the demo street, as the emulator's phone page lists them.</summary>
public sealed record DemoResident(
    string ExternalId,
    string Name,
    string Phone,
    string Community,
    string Language,
    ContactChannel Channel,
    string Building,
    string Unit,
    string Household,
    string Grid,
    DateOnly BirthDate,
    IReadOnlyList<string> Tags,
    int? CheckupDueInDays);
