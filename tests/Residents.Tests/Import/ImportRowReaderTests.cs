using System.Globalization;
using System.Text;
using Outreach.Residents.Import;
using Outreach.Telephony.PhoneNumbers;

namespace Outreach.Residents.Tests.Import;

/// <summary>The quick paths of reading a row (yyyy-MM-dd dates, languages and tag lists normalised once per distinct text)
/// agree with the general ones they stand in front of.</summary>
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

    [Fact]
    public void Languages_and_tags_repeated_over_many_rows_read_as_each_row_alone()
    {
        string[] languages = ["zh-CN", "ZH_cn", "中文", "English", "en-us", "yue-hant-hk"];
        string[] tags = ["elderly", "Elderly|Living Alone", "", "disabled，elderly", "elderly;;elderly"];
        var lines = Enumerable.Range(0, 1_200).Select(i => (Language: i < 1_100 ? languages[i % languages.Length] : $"x-{i}", Tags: tags[i % tags.Length])).ToList();
        var file = new StringBuilder("name,phone,community,language,tags\n");
        foreach (var (language, tag) in lines)
        {
            file.Append(CultureInfo.InvariantCulture, $"王秀英,13800138000,新河,{language},\"{tag}\"\n");
        }

        var communities = new Dictionary<string, int> { ["新河"] = 1 };
        var phones = new PhoneNumberParser("CN");
        using var csv = ImportCsv.Open(Encoding.UTF8.GetBytes(file.ToString()), out _);
        var reader = new ImportRowReader(ImportColumns.Map(csv.Headers), phones, communities);
        foreach (var (language, tag) in lines)
        {
            Assert.True(csv.Read());
            var row = reader.Read(csv, scoped: false);

            using var alone = ImportCsv.Open(Encoding.UTF8.GetBytes($"name,phone,community,language,tags\n王秀英,13800138000,新河,{language},\"{tag}\"\n"), out _);
            Assert.True(alone.Read());
            var expected = new ImportRowReader(ImportColumns.Map(alone.Headers), phones, communities).Read(alone, scoped: false);
            Assert.Equal((expected.Error, expected.Language, expected.Tags), (row.Error, row.Language, row.Tags));
        }
    }
}
