namespace MemberGraph.Seeding;

/// <summary>The demo fruit chain: its cities and stores (real-looking coordinates around each city centre).</summary>
internal static class DemoBrand
{
    public const string Name = "鲜果时光 FreshHour";

    public sealed record City(string Name, string Code, double Latitude, double Longitude, string[] Districts);

    public static readonly City[] Cities =
    [
        new("上海", "SH", 31.2304, 121.4737, ["徐汇", "静安", "浦东", "长宁", "闵行", "杨浦"]),
        new("杭州", "HZ", 30.2741, 120.1551, ["西湖", "滨江", "拱墅", "上城", "余杭"]),
        new("南京", "NJ", 32.0603, 118.7969, ["鼓楼", "玄武", "建邺", "秦淮", "江宁"]),
        new("苏州", "SZ", 31.2989, 120.5853, ["姑苏", "工业园区", "高新"]),
    ];

    public static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "朱", "马", "胡", "郭", "林", "何", "高", "罗"];
    public static readonly string[] GivenNames = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英", "晨", "悦", "子涵", "思远", "雨欣"];
}
