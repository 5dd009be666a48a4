using Outreach.Residents.Archive;

namespace Outreach.Residents.Api;

/// <summary>A resident as the API shows them; <see cref="Age"/> is counted on the street's today.</summary>
public sealed record ResidentDto(
    int Id,
    string? ExternalId,
    string Name,
    string Phone,
    string? SecondPhone,
    string Language,
    ContactChannel PreferredChannel,
    int CommunityId,
    string? Community,
    string? Grid,
    string? Building,
    string? Unit,
    string? Household,
    DateOnly? BirthDate,
    int? Age,
    string? Gender,
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, DateOnly> Dates,
    DateTimeOffset? ConsentedAt,
    DateTimeOffset? OptedOutAt,
    string? OptOutMethod,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static ResidentDto From(Resident r, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(
            r.Id, r.ExternalId, r.Name, r.Phone, r.SecondPhone, r.Language, r.PreferredChannel, r.CommunityId, r.Community?.Name,
            r.Grid, r.Building, r.Unit, r.Household, r.BirthDate, AgeOn(r.BirthDate, today), r.Gender, r.Tags,
            r.Dates.ToDictionary(d => d.Name, d => d.Value, StringComparer.Ordinal),
            r.ConsentedAt, r.OptedOutAt, r.OptOutMethod, r.CreatedAt, r.UpdatedAt);
    }

    /// <summary>Whole years, the same count the audience language's age uses.</summary>
    public static int? AgeOn(DateOnly? birthDate, DateOnly today)
    {
        if (birthDate is not { } birth)
        {
            return null;
        }

        var age = today.Year - birth.Year;
        return birth > today.AddYears(-age) ? age - 1 : age;
    }
}
