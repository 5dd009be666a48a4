using System.Globalization;
using Outreach.Residents.Import;

namespace Outreach.Residents.Tests.Import;

/// <summary>The quick read of yyyy-MM-dd dates agrees with the format parser it stands in front of.</summary>
public sealed class ImportRowReaderTests
{
    [Theory]
    [InlineData("1950-03-01", "1950-03-01")]
    [InlineData("2024-02-29", "2024-02-29")]
    [InlineData("2023-02-29", null)]
    [InlineData("2023-04-31", null)]
    [InlineData("1950-13-01", null)]
    [InlineData("1950-00-10", null)]
    [InlineData("1950-01-00", null)]
    [InlineData("0000-01-01", null)]
    [InlineData("+950-03-01", null)]
    [InlineData("1950-3-01", "1950-03-01")]
    [InlineData("1950/03/01", "1950-03-01")]
    [InlineData("19500301", "1950-03-01")]
    [InlineData("1950年3月1日", "1950-03-01")]
    [InlineData("1950-03-01 8:30:00", "1950-03-01")]
    [InlineData("１９５０-03-01", null)]
    [InlineData("1950-03-1x", null)]
    public void Dates_are_read_in_the_formats_clerks_write(string text, string? expected)
        => Assert.Equal(expected is null ? null : DateOnly.ParseExact(expected, "yyyy-MM-dd", CultureInfo.InvariantCulture), ImportRowReader.ParseDate(text));

    [Fact]
    public void Every_ten_character_date_reads_as_the_format_parser_reads_it()
    {
        foreach (var year in new[] { "0001", "1900", "1999", "2000", "2023", "2024", "9999" })
        {
            for (var month = 0; month <= 13; month++)
            {
                for (var day = 0; day <= 32; day++)
                {
                    var text = $"{year}-{month:D2}-{day:D2}";
                    DateOnly? slow = DateOnly.TryParseExact(text, "yyyy-M-d", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
                    Assert.Equal(slow, ImportRowReader.ParseDate(text));
                }
            }
        }
    }
}
