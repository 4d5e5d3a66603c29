"""What the source notes name, and what the machine translation got wrong.

Built by reading ../shared/source/notes-zh.md line by line. Each name is written the way
the book writes it (the form a reader would search for); where the source links the
name, the link the book must carry is given too (updated to https and current addresses).
"""

PEOPLE = [
    "Will Farr",
    "Paco Nathan",
    "Carol Willing",
    "Mark Hansen",
    "Tracy Teal",
    "Ryan Abernathey",
    "Michelle Ufford",
    "Brian Granger",
    "Julia Lane",
    "Chakri Cherukuri",
    "Bruno Gonçalves",
    "Fernando Pérez",
]

ORGANISATIONS = [
    "Jupyter 项目",
    "Stony Brook University",
    "LIGO",
    "Columbia Journalism School",
    "The New York Times",
    "Twitter",
    "The Carpentries",
    "哥伦比亚大学",
    "NASA",
    "Netflix",
    "NYU",
    "Center for Urban Science and Progress",
    "IRS",
    "U.S. Census Bureau",
    "Bloomberg",
    "Two Sigma",
    "Capital One",
    "O'Reilly Media",
    "NumFOCUS",
    "IBM",
    "Google",
    "Amazon",
    "Towards Data Science",
]

PRODUCTS_AND_PROJECTS = [
    "JupyterCon 2018",
    "Watson Studio",
    "Jupyter Enterprise Gateway",
    "nteract",
    "papermill",
    "commuter",
    "Titus",
    "Colaboratory",
    "Dataflow",
    "Kaggle",
    "SageMaker",
    "Zero to JupyterHub",
    "Kubernetes",
    "Dask",
    "Spark",
    "xarray",
    "astropy",
    "Matplotlib",
    "GDPR",
    "FTP",
]

INVENTORY = PEOPLE + ORGANISATIONS + PRODUCTS_AND_PROJECTS

# The links the source gives, as the book must carry them.
LINKS = {
    "Jupyter 项目": "https://jupyter.org/",
    "Watson Studio": "https://medium.com/ibm-watson/introducing-ibm-watson-studio-e93638f0bb47",
    "Jupyter Enterprise Gateway": "https://jupyter-enterprise-gateway.readthedocs.io/",
    "nteract": "https://github.com/nteract",
    "LIGO": "https://www.ligo.caltech.edu/page/what-is-ligo",
    "The Carpentries": "https://carpentries.org/",
    "Netflix 技术博客": "https://netflixtechblog.com/notebook-innovation-591ee3221233",
    "Chakri Cherukuri 的笔记本": "https://github.com/ChakriCherukuri/jupytercon_2018",
    "Bruno Gonçalves 的教程": "https://github.com/bmtgoncalves/DataVisualization",
    "原文": "https://towardsdatascience.com/notes-from-jupytercon-how-project-jupyter-is-enabling-large-scale-datascience-a3627a05ea68",
}

# Strings of the machine translation that must not survive anywhere in the book: its
# errors, and wordings the book replaced (the about page quotes them in its two tables,
# and is checked apart). Faithful renderings it merely reworded (自私的用户, 审查) are not here.
# Plain strings match anywhere; those starting with "re:" are regular expressions.
KNOWN_BAD = [
    "笔记本电脑",
    "zero3jupyterhub",
    r"re:\binteract\b",
    "两个适马",
    "可扩展、可扩展",
    "项目 Jupyter",
    "TLDR",
    "企业范围内的企业管理",
    r"re:\btitus\b",
    "datascience 工作流",
    "威尔·法尔",
    "马克·汉森",
    "米歇尔·乌福德",
    "帕科·内森",
    "布赖恩·格兰杰",
    "费尔南多·佩雷斯",
    "布鲁诺·冈萨尔维斯",
    "维护者的不认可",
    "赠款",
    "哥伦比亚新闻学院",
    "暗库",
    "DASK",
    "数十亿字节",
    "medium.com/netflix-techblog",
    "会谈",
    "周转缓慢",
    "审查局",
    "数据交换所",
    "专家组",
    "数据可以去识别",
    "pacman",
    "奥赖利",
    r"re:\btwitter\b",
    "可复制",
    "海报会议",
    "谨慎的开源方法",
    "洞察力",
    "日程安排",
    "微数据",
    "商业案例",
    "体贴的手势",
    "ML 模型解释",
    "自满的旁观者",
    "不要雇佣",
]
