using System.Globalization;
using Outreach.Residents.Archive;

namespace Outreach.Residents.Demo;

/// <summary>
/// The demo street 迎丰街道 (Yingfeng Street): two communities and 240 residents, generated from a fixed seed
/// so every fresh clone gets the same names and phone numbers.
/// </summary>
public static class DemoStreet
{
    public const string Name = "迎丰街道";
    public const string OfficePhone = "+8657188880000";
    public const int ResidentCount = 240;

    public static IReadOnlyList<(string Name, string OnDutyPhone)> Communities { get; } =
    [
        ("新河社区", "+8657188881001"),
        ("湖滨社区", "+8657188882002"),
    ];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"];
    private static readonly string[] GivenNames = ["秀英", "桂英", "建国", "志强", "丽华", "伟", "芳", "敏", "静", "磊", "洋", "婷", "军", "杰", "淑珍", "玉兰", "国强", "海燕", "晓明", "子涵"];
    private static readonly string[] EnglishFirst = ["Emily", "James", "Olivia", "Daniel", "Sophie", "Michael", "Grace", "Thomas", "Anna", "David"];
    private static readonly string[] EnglishLast = ["Smith", "Chen", "Brown", "Wang", "Taylor", "Lee", "Wilson", "Martin"];
    private static readonly string[] MobilePrefixes = ["138", "139", "135", "150", "158", "186", "187", "177"];

    /// <summary>The residents the seeder writes, in order; their phone numbers are valid, distinct CN mobiles.</summary>
    public static IReadOnlyList<DemoResident> Residents { get; } = Generate();

    private static List<DemoResident> Generate()
    {
        var random = new Random(20261129);
        var phones = new HashSet<string>(StringComparer.Ordinal);
        var residents = new List<DemoResident>(ResidentCount);
        for (var i = 0; i < ResidentCount; i++)
        {
            var english = i % 10 == 7;
            var name = english
                ? $"{EnglishFirst[random.Next(EnglishFirst.Length)]} {EnglishLast[random.Next(EnglishLast.Length)]}"
                : Surnames[random.Next(Surnames.Length)] + GivenNames[random.Next(GivenNames.Length)];
            string phone;
            do
            {
                phone = $"+86{MobilePrefixes[random.Next(MobilePrefixes.Length)]}{random.Next(0, 100_000_000):D8}";
            }
            while (!phones.Add(phone));

            var age = random.Next(100) < 35 ? random.Next(60, 95) : random.Next(18, 60);
            var birth = new DateOnly(2026 - age, random.Next(1, 13), random.Next(1, 29));
            var tags = new List<string>();
            if (age >= 60)
            {
                tags.Add("elderly");
            }

            if (age >= 70 && random.Next(3) == 0)
            {
                tags.Add("living_alone");
            }

            if (random.Next(20) == 0)
            {
                tags.Add("disabled");
            }

            if (random.Next(12) == 0)
            {
                tags.Add("new_resident");
            }

            var building = random.Next(1, 13);
            var floor = random.Next(1, 19);
            residents.Add(new DemoResident(
                ExternalId: $"YF-{i + 1:D6}",
                Name: name,
                Phone: phone,
                Community: Communities[i % Communities.Count].Name,
                Language: english || random.Next(25) == 0 ? "en" : "zh-CN",
                // Elderly residents mostly trust a voice; younger ones mostly prefer a text.
                Channel: random.Next(100) < (age >= 60 ? 70 : 25) ? ContactChannel.Voice : ContactChannel.Sms,
                Building: building.ToString(CultureInfo.InvariantCulture),
                Unit: random.Next(1, 4).ToString(CultureInfo.InvariantCulture),
                Household: $"{floor}0{random.Next(1, 5)}",
                Grid: ((building - 1) / 3 + 1).ToString(CultureInfo.InvariantCulture),
                BirthDate: birth,
                Tags: tags,
                CheckupDueInDays: age >= 60 ? random.Next(-10, 60) : null));
        }

        return residents;
    }
}
