using Outreach.Agent.Wording;

namespace Outreach.Agent.Tests.Wording;

public sealed class HonorificsTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);

    [Theory]
    [InlineData("张伟", "M", "1990-01-01", "zh-CN", "张先生")]
    [InlineData("张桂兰", "F", "1990-01-01", "zh-CN", "张女士")]
    [InlineData("张桂兰", "女", "1960-01-01", "zh-CN", "张阿姨")]
    [InlineData("李建国", "male", "1950-05-01", "zh-CN", "李叔叔")]
    [InlineData("王秀英", "F", "1940-05-01", "zh-CN", "王奶奶")]
    [InlineData("欧阳明", "M", null, "zh-CN", "欧阳先生")]
    [InlineData("李明", null, "1950-05-01", "zh-CN", "李明")]
    [InlineData("John Smith", "M", null, "en", "Mr Smith")]
    [InlineData("Mary Jones", "F", null, "en", "Ms Jones")]
    [InlineData("张伟", "M", null, "en", "张伟")]
    public void Addresses_a_resident_by_name_gender_age_and_language(string name, string? gender, string? born, string language, string expected)
    {
        var birthDate = born is null ? (DateOnly?)null : DateOnly.Parse(born, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, Honorifics.For(name, gender, birthDate, language, Today));
    }
}
