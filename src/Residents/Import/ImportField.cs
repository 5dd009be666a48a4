namespace Outreach.Residents.Import;

/// <summary>The archive fields a CSV column can fill.</summary>
internal enum ImportField
{
    Name,
    Phone,
    SecondPhone,
    Community,
    Grid,
    Building,
    Unit,
    Household,
    BirthDate,
    Language,
    Channel,
    Tags,
    ExternalId,
    Gender,
}
