<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../ui/attract.py" line="+105"/>
        <source>政务服务自助终端</source>
        <translation>Government Services Self-Service Kiosk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>一网通办 · 自助办理 (Self-service government services)</source>
        <translation>One-stop online services · Self-service</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办事
Apply</source>
        <translation>Apply
办事</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办事</source>
        <translation>Apply for a service</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查进度
Track</source>
        <translation>Track
查进度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查进度</source>
        <translation>Track an application</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取号 Queue number</source>
        <translation>Queue number 取号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取号</source>
        <translation>Take a queue number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>评价 Rate a service</source>
        <translation>Rate a service 评价</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>评价</source>
        <translation>Rate a service</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>长辈版 ✓ 已开启</source>
        <translation>Large text ✓ on</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>长辈版（大字）</source>
        <translation>Large text (elder mode)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>长辈版，已开启</source>
        <translation>Elder mode (large text), on</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>长辈版，已关闭</source>
        <translation>Elder mode (large text), off</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>本终端尚未登记，暂不能办理业务，请联系大厅工作人员。</source>
        <translation>This terminal is not enrolled yet and cannot accept applications. Please ask hall staff.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This terminal is not enrolled yet; please ask hall staff.</source>
        <translation>本终端尚未登记，请联系大厅工作人员。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（工作人员：请用 servicehall enroll 登记本终端；查进度仍可使用。）</source>
        <translation>(Staff: enroll this terminal with servicehall enroll; tracking still works.)</translation>
    </message>
</context>
<context>
    <name>CameraWidget</name>
    <message>
        <location filename="../ui/camera.py" line="+75"/>
        <source>摄像头画面</source>
        <translation>Camera picture</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>本机未连接摄像头，无法用摄像头扫码：请用扫码枪扫码，或用其他方式继续。</source>
        <translation>No camera is connected, so codes cannot be scanned with a camera: use the hand scanner, or another way below.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>请将二维码对准摄像头。</source>
        <translation>Hold the QR code in front of the camera.</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>摄像头无法使用，无法用摄像头扫码：请用扫码枪扫码，或用其他方式继续。</source>
        <translation>The camera cannot be used, so codes cannot be scanned with it: use the hand scanner, or another way below.</translation>
    </message>
</context>
<context>
    <name>CaseStatus</name>
    <message>
        <location filename="../ui/status.py" line="+21"/>
        <source>已提交待上传</source>
        <translation>Submitted, waiting to upload</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已上传平台</source>
        <translation>Sent to the platform</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>需补正材料</source>
        <translation>More documents needed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已办结（准予）</source>
        <translation>Completed (approved)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不予批准</source>
        <translation>Not approved</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>需工作人员处理</source>
        <translation>Needs staff attention</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>您的申请已安全保存在本终端，联网后会自动上传，无需再次提交。</source>
        <translation>Your application is saved safely on this terminal and will be uploaded automatically when the network is back. You do not need to submit it again.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>您的申请已上传到政务服务平台，等待部门受理。</source>
        <translation>Your application has reached the government services platform and is waiting for the department to accept it.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>部门已受理您的申请，正在办理。</source>
        <translation>The department has accepted your application and is working on it.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请按下面的说明补正材料，可到服务大厅窗口办理。</source>
        <translation>Please supply the documents described below; you can do this at a service hall counter.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>您的申请已办结并准予。请按通知领取结果。</source>
        <translation>Your application has been completed and approved. Collect the result as the notice says.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>您的申请未获批准，原因见下方。如有疑问请咨询服务大厅窗口。</source>
        <translation>Your application was not approved; the reason is below. Ask at a service hall counter if you have questions.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>您的申请需要工作人员核对，请到服务大厅窗口咨询。</source>
        <translation>Your application needs to be checked by staff. Please ask at a service hall counter.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请到服务大厅窗口咨询。</source>
        <translation>Please ask at a service hall counter.</translation>
    </message>
</context>
<context>
    <name>ChooseServiceScreen</name>
    <message>
        <location filename="../ui/choose.py" line="+138"/>
        <source>请选择要办理的事项</source>
        <translation>Choose the service you need</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>可按分类查找，或输入事项名称、拼音或拼音首字母搜索（如 jzzm 查找“居住证明”）。</source>
        <translation>Browse by category, or search by name, pinyin or pinyin initials (e.g. jzzm finds 居住证明, residence certificate).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>搜索事项</source>
        <translation>Search services</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>输入名称或拼音首字母</source>
        <translation>Type a name or pinyin initials</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+170"/>
        <source>⌨ 键盘</source>
        <translation>⌨ Keyboard</translation>
    </message>
    <message>
        <location line="-169"/>
        <source>显示或隐藏屏幕键盘</source>
        <translation>Show or hide the on-screen keyboard</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>清空搜索</source>
        <translation>Clear the search</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>拼音字母键盘</source>
        <translation>Pinyin letter keyboard</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>热门事项</source>
        <translation>Popular services</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>一件事（套餐办理）</source>
        <translation>Life events (several services at once)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>全部事项</source>
        <translation>All services</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>（已选）</source>
        <translation>(selected)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>搜索“%1”：找到%2项</source>
        <translation>Search &quot;%1&quot;: %2 found</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>没有找到与“%1”相关的事项。请检查拼写，换个说法，或点左侧分类查找；也可以咨询大厅工作人员。</source>
        <translation>No service matches &quot;%1&quot;. Check the spelling, try other words, or browse the categories on the left; hall staff can also help.</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>⌨ 收起键盘</source>
        <translation>⌨ Hide keyboard</translation>
    </message>
    <message>
        <location line="-102"/>
        <source>返回首页</source>
        <translation>Back to start</translation>
    </message>
</context>
<context>
    <name>CommitmentPanel</name>
    <message>
        <location filename="../ui/materialrow.py" line="+124"/>
        <source>容缺受理承诺</source>
        <translation>Commitment to supply documents later</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>如同意以上承诺，请在下面签名，然后按“确认签名”。</source>
        <translation>If you agree to the commitment above, sign below and press &quot;Confirm signature&quot;.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不签名，返回材料清单</source>
        <translation>Do not sign; back to the document list</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>（按现有节假日安排推算）</source>
        <translation>(estimated from the current holiday calendar)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>• %1：请于%2%3前补交（%4个工作日内）</source>
        <translation>• %1: please supply by %2%3 (within %4 working days)</translation>
    </message>
</context>
<context>
    <name>DocumentCameraPanel</name>
    <message>
        <location filename="../ui/capture.py" line="+85"/>
        <source>请把材料平放在高拍仪下方，看到画面清晰后按“拍照”。</source>
        <translation>Lay the document flat under the document camera and press &quot;Take photo&quot; when the picture is sharp.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>高拍仪画面</source>
        <translation>Document camera picture</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>返回材料清单</source>
        <translation>Back to the document list</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>拍照</source>
        <translation>Take photo</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>拍摄：</source>
        <translation>Photographing: </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>本机没有连接高拍仪（文档摄像头），无法拍照。请改用“导入扫描件”或电子证照，或请大厅工作人员协助。</source>
        <translation>No document camera is connected, so photos cannot be taken. Use &quot;Import a scan&quot; or an e-licence instead, or ask hall staff for help.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>高拍仪出现故障，请改用“导入扫描件”，或请工作人员协助。</source>
        <translation>The document camera has failed. Use &quot;Import a scan&quot; instead, or ask staff for help.</translation>
    </message>
</context>
<context>
    <name>DoneScreen</name>
    <message>
        <location filename="../ui/done.py" line="+62"/>
        <source>提交成功</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your application has been submitted.</source>
        <translation>您的申请已提交。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>受理编号 (case number)</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>重新打印</source>
        <translation>Print again</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重新打印回执</source>
        <translation>Print the receipt again</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>评价本次服务</source>
        <translation>Rate this service</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>受理编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>当前状态：</source>
        <translation>Status: </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>受理回执已生成。请记下上面的受理编号（Receipt made — note the case number above）。</source>
        <translation>Receipt made. Note the case number above.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>受理回执已生成，请妥善保管（Receipt ready — please keep it）。</source>
        <translation>Your receipt is ready. Please keep it safe.</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>正在打印回执，请稍候 (Printing)</source>
        <translation>Printing your receipt, please wait</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>打印机设置有误，回执未打印。请记下受理编号，并请工作人员处理。</source>
        <translation>The printer is set up wrongly and your receipt was not printed. Please note the case number and ask staff for help.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>窗口排队号：%1（%2，前面等候 %3 人）</source>
        <translation>Queue number: %1 (%2, %3 waiting ahead)</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+27"/>
        <source>排队号</source>
        <translation>queue ticket</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>排队号暂时无法打印，请到服务台取号。</source>
        <translation>No queue ticket could be printed; please take one at the help desk.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>回执</source>
        <translation>receipt</translation>
    </message>
    <message>
        <location line="-92"/>
        <source>回执暂未生成。您的申请已保存，请记下上面的受理编号，并请工作人员补打回执。</source>
        <translation>The receipt could not be made yet. Your application is saved: write down the case number above and ask staff to print the receipt.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>接下来：部门将在%1个工作日内办结，结果会通知您。</source>
        <translation>Next: the department will decide within %1 working days and tell you the result.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>办理中还需要您到服务大厅窗口一次，请带好身份证和回执。</source>
        <translation>You will need to visit a service hall counter once; bring your ID card and this receipt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>凭回执上的受理编号可随时在本终端“查进度”。</source>
        <translation>Use the case number on the receipt to track your application on this terminal at any time.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1秒后自动返回首页</source>
        <translation>Returning to the start screen in %1 seconds</translation>
    </message>
</context>
<context>
    <name>ErrorSummaryWidget</name>
    <message>
        <location filename="../ui/widgets.py" line="+76"/>
        <source>错误汇总</source>
        <translation>Problems to fix</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>有 %n 处需要更正，请查看下面标出的项目：</source>
        <translation>
            <numerusform>%n thing needs correcting; see the item marked below:</numerusform>
            <numerusform>%n things need correcting; see the items marked below:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location line="-25"/>
        <source>错误：</source>
        <translation>Error: </translation>
    </message>
</context>
<context>
    <name>FieldEditor</name>
    <message>
        <location filename="../ui/fields.py" line="+41"/>
        <source>18位身份证号码，最后一位可能是X</source>
        <translation>18-character ID number; the last may be X</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>6位数字，例如 310012</source>
        <translation>6 digits, e.g. 310012</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>银行卡号，16至19位数字</source>
        <translation>Bank card number, 16 to 19 digits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>18位统一社会信用代码</source>
        <translation>18-character unified social credit code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>填写数字</source>
        <translation>Enter a number</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>年-月-日，例如 2020-03-01 (YYYY-MM-DD)</source>
        <translation>YYYY-MM-DD, e.g. 2020-03-01</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>手机号码，例如 13800138000</source>
        <translation>Mobile number, e.g. 13800138000</translation>
    </message>
</context>
<context>
    <name>FormPageScreen</name>
    <message>
        <location filename="../ui/formpage.py" line="+54"/>
        <source>第%1步，共%2步</source>
        <translation>Step %1 of %2</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>根据您前面的回答，本页无需填写，请按“下一步”。(Nothing to answer here for your earlier answers: press 下一步.)</source>
        <translation>Nothing to answer here after your earlier answers: press &quot;Next&quot;.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+93"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>您刚才输入的号码 (the number you entered)</source>
        <translation>the number you entered</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>根据您的身份证号码 (from your ID number)</source>
        <translation>from your ID number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>来自您的档案 (from your records)</source>
        <translation>from your records</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>来自帮办代办花名册 (from the proxy agent&apos;s roster)</source>
        <translation>from the proxy agent&apos;s roster</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>来自您的身份证 (from your ID card)</source>
        <translation>from your ID card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>来自电子证照 (from your e-licence)</source>
        <translation>from your e-licence</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>来自您以前的申请 (from your earlier application)</source>
        <translation>from your earlier application</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>保存并返回核对</source>
        <translation>Save and return to check</translation>
    </message>
</context>
<context>
    <name>GroupEditor</name>
    <message>
        <location filename="../ui/fields.py" line="+117"/>
        <source>＋ 添加一位%1</source>
        <translation>+ Add a %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>删除</source>
        <translation>Remove</translation>
    </message>
</context>
<context>
    <name>GuideScreen</name>
    <message>
        <location filename="../ui/guide.py" line="+80"/>
        <source>返回</source>
        <extracomment>E-licences the population registry issues: a person it knows holds both. The last PDF printed from this screen (for staff and tests).</extracomment>
        <translation>Back</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印办事指南</source>
        <translation>Print guide</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印一次性告知书</source>
        <translation>Print missing list</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>开始申请</source>
        <translation>Start</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>一件事：一次申请，同时办理以下事项，共用一张表单、一套材料：</source>
        <translation>One application for all of the following, with one form and one set of documents:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>申请条件</source>
        <translation>Who can apply</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>申请材料</source>
        <translation>Documents needed</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>收费：</source>
        <translation>Fee: </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>不收费</source>
        <translation>Free of charge</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>承诺时限：%1个工作日内办结</source>
        <translation>Promised time: decided within %1 working days</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>办理中需要到服务大厅窗口一次。</source>
        <translation>One visit to a service hall counter is needed.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>全程自助办理，无需到窗口。</source>
        <translation>Fully self-service; no counter visit needed.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>已有电子证照，无需提交：</source>
        <translation>You already have the e-licence; nothing to hand in: </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>可选：</source>
        <translation>Optional: </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>视情况需要：</source>
        <translation>Needed in some cases: </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>需携带（可容缺后补）：</source>
        <translation>Bring (may be supplied later): </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>需携带：</source>
        <translation>Bring: </translation>
    </message>
    <message>
        <location line="+68"/>
        <source>正在打印，请稍候…</source>
        <translation>Printing, please wait…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>一次性告知书</source>
        <translation>List of missing documents</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>办事指南</source>
        <translation>Service guide</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1已送往打印机，请在出纸口取走。</source>
        <translation>%1 sent to the printer: please take it from the printer slot.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>本终端没有连接打印机，%1未能打印。您仍可开始申请；需要纸质材料请咨询大厅工作人员。</source>
        <translation>This terminal has no printer, so the %1 could not be printed. You can still start the application; ask hall staff for a paper copy.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>打印没有成功。您仍可开始申请；需要纸质指南请咨询大厅工作人员。</source>
        <translation>Printing failed. You can still start the application; ask hall staff for a paper guide.</translation>
    </message>
</context>
<context>
    <name>IdentifyScreen</name>
    <message>
        <location filename="../ui/identify.py" line="+63"/>
        <source>请输入身份证号码</source>
        <translation>Enter your ID number</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter your resident ID number (18 characters) on the keypad or keyboard.</source>
        <translation>请用屏幕键盘或键盘输入18位身份证号码。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>身份证号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>18位身份证号码</source>
        <translation>18-character ID number</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>扫码：将电子身份证或电子证照的二维码对准摄像头，或用扫码枪扫描。</source>
        <translation>Scan: hold the QR code of your e-ID or e-licence in front of the camera, or scan it with the hand scanner.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+69"/>
        <source>读卡：将身份证放在读卡区，稍等即可。</source>
        <translation>Card: place your ID card on the reader and wait a moment.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>这是受理回执的二维码，不能用来办事。查询办理进度，请返回首页选择“查进度”；办事请扫描电子身份证或电子证照的二维码，或输入身份证号码。</source>
        <translation>This is the QR code of a receipt, which cannot be used to apply. To track an application, go back and choose &quot;Track&quot;; to apply, scan the QR code of your e-ID or e-licence, or enter your ID number.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>无法识别这个二维码。请扫描电子身份证或电子证照的二维码，或放置身份证，或输入身份证号码。</source>
        <translation>This QR code is not recognised. Scan the QR code of your e-ID or e-licence, place your ID card on the reader, or enter your ID number.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>身份证读卡器暂时无法使用：请扫码或输入身份证号码，或请工作人员帮助。</source>
        <translation>The ID card reader is not working right now: scan a code or enter your ID number, or ask staff for help.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>已输入 %1 / 18 位</source>
        <translation>%1 of 18 characters entered</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>号码有效，请按“下一步”。</source>
        <translation>Number is valid: press &quot;Next&quot;.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>正在查询您的档案…</source>
        <translation>Looking up your records…</translation>
    </message>
</context>
<context>
    <name>IdleWarningWidget</name>
    <message>
        <location filename="../ui/idle.py" line="+31"/>
        <source>长时间无操作提醒</source>
        <translation>Inactivity warning</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>您还在吗？ Are you still there?</source>
        <translation>Are you still there? 您还在吗？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>为保护您的信息，倒计时结束后将清除本次填写的全部内容并返回首页。需要更多时间请按“继续”。</source>
        <translation>To protect your information, everything you entered will be cleared and the kiosk will return to the start when the countdown ends. Press &quot;Continue&quot; if you need more time.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>继续
Continue</source>
        <translation>Continue
继续</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>继续办理</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结束办理</source>
        <translation>End now</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结束办理并清除信息</source>
        <translation>End now and clear my information</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>还剩 %1 秒</source>
        <translation>%1 seconds left</translation>
    </message>
</context>
<context>
    <name>KeypadWidget</name>
    <message>
        <location filename="../ui/keypad.py" line="+48"/>
        <source>屏幕键盘</source>
        <translation>On-screen keypad</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>删除</source>
        <translation>Del</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>数字 %1</source>
        <translation>Digit %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>连字符</source>
        <translation>Hyphen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>字母 %1</source>
        <translation>Letter %1</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../ui/window.py" line="+70"/>
        <source>政务服务自助终端</source>
        <translation>Government Services Self-Service Kiosk</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>● 暂时无法连接平台（%1）：申请照常受理，保存在本机，恢复联网后自动上传。</source>
        <translation>● Platform not reachable (%1): applications are still accepted, kept on this terminal and uploaded when the network is back.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>✓ 已与平台同步（%1）</source>
        <translation>✓ Synchronised with the platform (%1)</translation>
    </message>
</context>
<context>
    <name>MaterialRowWidget</name>
    <message>
        <location filename="../ui/materialrow.py" line="-79"/>
        <source>拍照</source>
        <translation>Take photo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>导入扫描件</source>
        <translation>Import a scan</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>使用电子证照</source>
        <translation>Use e-licence</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>承诺后补</source>
        <translation>Supply later</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>可选</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>必须提供；可容缺：可先承诺，%1个工作日内补交</source>
        <translation>Required; may be supplied later on commitment, within %1 working days</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>必须提供，不能容缺</source>
        <translation>Required; cannot be supplied later</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>✓ 已拍照</source>
        <translation>✓ Photographed</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>✓ 已导入扫描件</source>
        <translation>✓ Scan imported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>✓ 使用电子证照</source>
        <translation>✓ Using e-licence</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>✓ 承诺后补（已签名）</source>
        <translation>✓ To supply later (signed)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>✓ 承诺后补（需签名）</source>
        <translation>✓ To supply later (signature needed)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>可不提供</source>
        <translation>Not needed</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>尚未提供</source>
        <translation>Not provided yet</translation>
    </message>
</context>
<context>
    <name>MaterialsScreen</name>
    <message>
        <location filename="../ui/materials.py" line="+94"/>
        <source>提交材料</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请为每项材料拍照、导入扫描件或使用电子证照。标明“可容缺”的材料可以先承诺、后补交。</source>
        <translation>For each document, take a photo, import a scan or use an e-licence. Documents marked as &quot;may be supplied later&quot; can be promised now and handed in later.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>打印一次性告知书</source>
        <translation>Print missing list</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印一次性告知书（缺少的材料清单）</source>
        <translation>Print the list of what is missing</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+34"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>保存并返回核对</source>
        <translation>Save and return to check</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>文件太大（超过20MB），请以较低分辨率重新扫描。</source>
        <translation>The file is too large (over 20 MB); please scan again at a lower resolution.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>正在保存照片…</source>
        <translation>Saving the photo…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>正在导入扫描件…</source>
        <translation>Importing the scan…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>文件超过20MB，请以较低分辨率重新扫描。</source>
        <translation>The file is over 20 MB; please scan again at a lower resolution.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件已不存在，请重新扫描。</source>
        <translation>The file is no longer there; please scan again.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>这不是图片或PDF文件，请重新扫描。</source>
        <translation>This is not an image or PDF file; please scan again.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>文件无法读取，请重新扫描，或请工作人员协助。</source>
        <translation>The file cannot be read; please scan again or ask staff for help.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>缺少必须提供的材料：%1。这些材料不能容缺后补，本次申请暂时无法提交。请拍照或导入扫描件；也可以打印一次性告知书，备齐后再来办理。</source>
        <translation>Required documents missing: %1. These cannot be supplied later, so the application cannot be submitted yet. Take a photo or import a scan, or print the list of missing documents and come back when you have them.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>还没有提供：%1。请拍照、导入扫描件或使用电子证照，也可以选择“承诺后补”。</source>
        <translation>Not provided yet: %1. Take a photo, import a scan or use an e-licence, or choose &quot;Supply later&quot;.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>正在打印一次性告知书…</source>
        <translation>Printing the list of missing documents…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>一次性告知书已打印，请取走。上面列出了全部缺少的材料。</source>
        <translation>The list of missing documents has been printed: please take it. It names every missing document.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>一次性告知书没有打印出来，请联系大厅工作人员。</source>
        <translation>The list of missing documents could not be printed; please ask hall staff.</translation>
    </message>
</context>
<context>
    <name>PrintStatus</name>
    <message>
        <location filename="../ui/printstatus.py" line="+27"/>
        <source>%1已打印，请从出纸口取走 (Printed — please take it)</source>
        <translation>Your %1 has been printed — please take it from the slot</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>打印机缺纸</source>
        <translation>the printer is out of paper</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打印机未连接</source>
        <translation>the printer is not connected</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打印机出现故障</source>
        <translation>the printer has a fault</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1未能打印：%2。请工作人员处理后点“重新打印”。</source>
        <translation>Your %1 could not be printed: %2. Please ask staff to fix it, then press “Print again”.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>打印机缺纸，%1等待打印，请联系工作人员加纸。</source>
        <translation>The printer is out of paper; your %1 is waiting. Please ask staff to load paper.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>打印机暂时未连接，%1正在重试打印…</source>
        <translation>The printer is not connected; trying to print your %1 again…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>正在打印%1，请稍候 (Printing)</source>
        <translation>Printing your %1, please wait</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>本终端没有连接打印机，未能打印。请记下屏幕上的号码，或请工作人员帮助。</source>
        <translation>This kiosk has no printer, so nothing was printed. Please note the number on the screen, or ask staff for help.</translation>
    </message>
</context>
<context>
    <name>RatingScreen</name>
    <message>
        <location filename="../ui/rating.py" line="+274"/>
        <source>非常满意</source>
        <translation>Very
satisfied</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>基本满意</source>
        <translation>Fairly
satisfied</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>不满意</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>非常不满意</source>
        <translation>Very
dissatisfied</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>等待时间长</source>
        <translation>Long wait</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>材料要求不清楚</source>
        <translation>Unclear
requirements</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>系统操作复杂</source>
        <translation>Hard to use</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>工作人员态度</source>
        <translation>Staff
attitude</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location line="-205"/>
        <source>服务评价：请输入回执上的受理编号</source>
        <translation>Rate a service: enter the case number on your receipt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>受理编号是回执上“受理编号”下方的16位数字，中间的“-”可以不输。</source>
        <translation>The case number is the 16-digit number under &quot;受理编号&quot; (case number) on the receipt; you can leave out the &quot;-&quot;.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>受理编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>返回首页</source>
        <translation>Back to start</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>请对本次服务进行评价</source>
        <translation>How was this service?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请点选一项。您的评价只与受理编号关联，不记录姓名等个人信息。</source>
        <translation>Choose one. Your rating is linked only to the case number; your name and other personal details are not recorded.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>请选择不满意的原因（可多选）：</source>
        <translation>What went wrong? (choose any that apply)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>不评价，返回首页</source>
        <translation>Skip rating, back to start</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>提交评价</source>
        <translation>Submit rating</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>感谢您的评价！</source>
        <translation>Thank you for your rating!</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>这个受理编号已经评价过了：每次办理只能评价一次。感谢您的反馈！</source>
        <translation>This case has already been rated: each application can be rated once. Thank you for your feedback!</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本终端没有这个受理编号的申请。请核对回执上的编号；在其他终端或窗口办理的事项，请在办理的地方评价。</source>
        <translation>This terminal has no application with that case number. Check the number on the receipt; applications made at another terminal or counter are rated there.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>评价暂时无法保存，请稍后再试，或请大厅工作人员帮助。</source>
        <translation>The rating cannot be saved right now; please try again later or ask hall staff.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>受理编号：</source>
        <translation>Case number: </translation>
    </message>
    <message>
        <location line="+33"/>
        <location line="+15"/>
        <source>（已选）</source>
        <translation>(selected)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>请至少选择一个不满意的原因，以便我们改进。</source>
        <translation>Please choose at least one reason so that we can improve.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>您的评价已记录（受理编号 %1），我们会认真改进。</source>
        <translation>Your rating has been recorded (case number %1). We will act on it.</translation>
    </message>
</context>
<context>
    <name>ReuseConsentScreen</name>
    <message>
        <location filename="../ui/reuse.py" line="+28"/>
        <source>使用您以前填写的信息？</source>
        <translation>Use what you filled in before?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>使用，帮我预先填好</source>
        <translation>Yes, fill it in for me</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>不用，我自己填写</source>
        <translation>No, I will fill it in myself</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message numerus="yes">
        <location line="+26"/>
        <source>您以前在本机办理过 %n 件事项。可以用当时填写的信息（如联系电话、银行账户）预先填好这次的表格，每一项都会标明来源，您可以逐项核对和修改。不使用也可以正常办理。</source>
        <translation>
            <numerusform>You have made %n application on this terminal before. What you entered then (such as your phone number or bank account) can fill in this form for you; each answer shows where it came from, and you can check and change every one. You can also apply without it.</numerusform>
            <numerusform>You have made %n applications on this terminal before. What you entered then (such as your phone number or bank account) can fill in this form for you; each answer shows where it came from, and you can check and change every one. You can also apply without it.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <location filename="../ui/review.py" line="+80"/>
        <source>请核对您填写的信息</source>
        <translation>Check your answers</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check your answers. Press 修改 (Change) to correct one.</source>
        <translation>请核对信息，需要更正请按“修改”。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>我同意</source>
        <translation>I agree</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>我确认以上信息和材料真实、准确，并同意政务服务部门为办理本事项使用这些信息和材料。</source>
        <translation>I confirm that the information and documents above are true and accurate, and agree that the government service departments may use them for this application.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>确认信息真实并同意使用</source>
        <translation>Confirm the information is true and agree to its use</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>确认提交</source>
        <translation>Submit</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>（未填写）</source>
        <translation>(not answered)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+2"/>
        <location line="+38"/>
        <location line="+1"/>
        <source>修改</source>
        <translation>Change</translation>
    </message>
    <message numerus="yes">
        <location line="-14"/>
        <source>已签名，承诺后补 %n 项材料（签署时间 %1）</source>
        <translation>
            <numerusform>Signed: %n document to be supplied later (signed %1)</numerusform>
            <numerusform>Signed: %n documents to be supplied later (signed %1)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+56"/>
        <source>正在提交，请稍候…</source>
        <translation>Submitting, please wait…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>请先勾选上面的确认声明：确认信息真实，并同意用于办理本事项。然后再按“确认提交”。</source>
        <translation>First tick the declaration above to confirm the information is true and agree to its use for this application, then press &quot;Submit&quot;.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>提交没有完成，您的信息仍在本页。请再按一次“确认提交”；如仍不成功，请联系大厅工作人员。</source>
        <translation>The submission did not complete; your answers are still here. Press &quot;Submit&quot; again; if it still fails, please ask hall staff.</translation>
    </message>
</context>
<context>
    <name>ScanImportPanel</name>
    <message>
        <location filename="../ui/capture.py" line="+53"/>
        <source>请先在扫描仪上扫描材料，或插入U盘，然后在下面选择文件。</source>
        <translation>Scan the document on the scanner or insert a USB drive first, then choose the file below.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>返回材料清单</source>
        <translation>Back to the document list</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重新查找扫描件</source>
        <translation>Look for scans again</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>导入扫描件：</source>
        <translation>Import a scan: </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>正在查找扫描件…</source>
        <translation>Looking for scans…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>没有找到扫描件。请把材料放上扫描仪扫描，或插入U盘，再按“刷新”。</source>
        <translation>No scans found. Scan the document or insert a USB drive, then press &quot;Refresh&quot;.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>找到 %n 个文件，请选择：</source>
        <translation>
            <numerusform>%n file found; choose one:</numerusform>
            <numerusform>%n files found; choose one:</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>扫描仪</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>U盘</source>
        <translation>USB drive</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>选择文件</source>
        <translation>Choose file</translation>
    </message>
</context>
<context>
    <name>ServiceButton</name>
    <message>
        <location filename="../ui/choose.py" line="-133"/>
        <source>%1个工作日</source>
        <translation>%1 working days</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>承诺时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>一件事：一次申请，同时办理%1个事项</source>
        <translation>One application covering %1 services</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>单位/法人办理</source>
        <translation>For organisations</translation>
    </message>
</context>
<context>
    <name>SignaturePadWidget</name>
    <message>
        <location filename="../ui/signature.py" line="+44"/>
        <source>签名区：请用手指或触控笔在此签名</source>
        <translation>Signature area: sign here with your finger or a stylus</translation>
    </message>
</context>
<context>
    <name>SignatureWidget</name>
    <message>
        <location line="+162"/>
        <source>清除</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>清除签名</source>
        <translation>Clear the signature</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>确认签名</source>
        <translation>Confirm signature</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>还没有签名。请用手指或触控笔在白色区域内签上您的姓名，再按“确认签名”。</source>
        <translation>No signature yet. Sign your name in the white area with your finger or a stylus, then press &quot;Confirm signature&quot;.</translation>
    </message>
</context>
<context>
    <name>StaffPinWidget</name>
    <message>
        <location filename="../ui/staffpin.py" line="+87"/>
        <source>工作人员验证</source>
        <translation>Staff sign-in</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>工作人员验证 (Staff PIN)</source>
        <translation>Staff PIN</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>工作人员 PIN</source>
        <translation>Staff PIN</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>本终端尚未设置工作人员 PIN。请在终端上运行 servicehall staff-pin set 设置后再试。</source>
        <translation>No staff PIN has been set on this terminal. Run servicehall staff-pin set on the terminal, then try again.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>PIN 错误次数过多，请 %1 秒后再试。</source>
        <translation>Too many wrong PINs. Try again in %1 seconds.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>请输入 PIN。</source>
        <translation>Enter the PIN.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>PIN 不正确，还可以再试 %1 次。</source>
        <translation>Wrong PIN. %1 tries left.</translation>
    </message>
</context>
<context>
    <name>TicketScreen</name>
    <message>
        <location filename="../ui/ticket.py" line="+58"/>
        <source>取号</source>
        <translation>Take a queue number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请选择您要办理的事项，领取窗口排队号 (Choose your matter to take a queue number)</source>
        <translation>Choose your matter to take a queue number</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>取号：</source>
        <translation>Queue number for: </translation>
    </message>
    <message>
        <location line="+22"/>
        <source>您的号码 (Your number)</source>
        <translation>Your number</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>返回首页</source>
        <translation>Back to start</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>重新打印</source>
        <translation>Print again</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重新打印排队号</source>
        <translation>Print the queue ticket again</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>正在取号，请稍候</source>
        <translation>Taking a number, please wait</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>暂时无法取号，请到服务台咨询工作人员。(No ticket could be taken; please ask at the help desk.)</source>
        <translation>No queue number could be taken; please ask at the help desk.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>您的号码</source>
        <translation>Your number</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>办理事项：</source>
        <translation>Service: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理窗口：</source>
        <translation>Counter: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>前面等候：%1 人</source>
        <translation>Waiting ahead: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取号时间：</source>
        <translation>Taken at: </translation>
    </message>
    <message>
        <location line="+23"/>
        <source>正在打印排队号，请稍候 (Printing)</source>
        <translation>Printing your queue ticket, please wait</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>排队号</source>
        <translation>queue ticket</translation>
    </message>
</context>
<context>
    <name>TrackScreen</name>
    <message>
        <location filename="../ui/track.py" line="+68"/>
        <source>查询办理进度</source>
        <translation>Track an application</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>例如 3301-0001-0000001-7</source>
        <translation>e.g. 3301-0001-0000001-7</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>返回首页</source>
        <translation>Back to start</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重新查询</source>
        <translation>New search</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重新查询：扫描或输入另一张回执</source>
        <translation>New search: scan or enter another receipt</translation>
    </message>
    <message>
        <location line="+132"/>
        <source>正在查询，请稍候…</source>
        <translation>Searching, please wait…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>受理编号格式不正确，请核对回执上的编号，例如 3301-0001-0000001-7。
That is not a valid case number; check the receipt.</source>
        <translation>That is not a valid case number. Check the number on your receipt, e.g. 3301-0001-0000001-7.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>暂时无法查询，请稍后再试或咨询大厅工作人员。</source>
        <translation>Tracking is not available right now. Please try again later or ask hall staff.</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>回执真实有效 (Genuine receipt)</source>
        <translation>Genuine receipt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>签发：</source>
        <translation>Issued by: </translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+36"/>
        <source>本终端没有这份回执对应的办理记录，请到服务大厅窗口查询进度。</source>
        <translation>This terminal has no record of the application on this receipt; please ask at a service hall counter for its progress.</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>回执验证未通过：不是真实有效的回执 (Not genuine)</source>
        <translation>Receipt check failed: this is not a genuine receipt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>二维码的内容被改动过，或不是由政务服务终端签发。请到服务大厅窗口核实。</source>
        <translation>The QR code has been altered or was not issued by a government service terminal. Please have it checked at a service hall counter.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>这不是办事回执的二维码 (Not a receipt code)</source>
        <translation>This is not a receipt QR code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请扫描回执下方“扫码验证”处的二维码，或输入回执上的受理编号。</source>
        <translation>Scan the QR code under &quot;扫码验证&quot; (scan to verify) on the receipt, or enter the case number printed on it.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>二维码不完整或已损坏，无法验证 (Damaged code)</source>
        <translation>The QR code is incomplete or damaged and cannot be checked</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请把回执放平后重新扫描，或输入回执上的受理编号查询。</source>
        <translation>Lay the receipt flat and scan again, or enter the case number on the receipt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+6"/>
        <source>暂时无法验证这张回执 (Cannot verify)</source>
        <translation>This receipt cannot be checked right now</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>本终端没有签发设备的验证密钥（可能是其他地区或新登记的设备签发的）。请到服务大厅窗口核验，或输入受理编号查询。</source>
        <translation>This terminal does not have the key of the device that issued the receipt (it may come from another area or a newly enrolled device). Have it checked at a service hall counter, or enter the case number.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>本终端无法识别这张回执的格式 (Unknown format)</source>
        <translation>This terminal does not recognise the format of this receipt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请到服务大厅窗口核验这张回执。</source>
        <translation>Please have this receipt checked at a service hall counter.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请稍后再试，或到服务大厅窗口核验。</source>
        <translation>Please try again later, or have it checked at a service hall counter.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>未找到该受理编号，请核对回执上的编号。
No case has this number; check the number on your receipt.</source>
        <translation>No application has this case number. Check the number on your receipt.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>原因：</source>
        <translation>Reason: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事项：</source>
        <translation>Service: </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1（本终端）</source>
        <translation>%1 (this terminal)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>政务服务终端 设备 %1</source>
        <translation>Government service terminal, device %1</translation>
    </message>
    <message>
        <location line="-75"/>
        <location line="+63"/>
        <source>受理编号：</source>
        <translation>Case number: </translation>
    </message>
    <message>
        <location line="-289"/>
        <source>请扫描回执上的二维码，或输入受理编号 (Scan the QR code on your receipt, or enter the case number)</source>
        <translation>Scan the QR code on your receipt, or enter the case number</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>受理编号或回执二维码内容</source>
        <translation>Case number or receipt QR code</translation>
    </message>
    <message>
        <location line="+256"/>
        <source>暂时无法连接政务服务平台，下面是本终端记录的状态，可能不是最新。</source>
        <translation>The platform could not be reached; below is the status this kiosk last recorded, which may be out of date.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>本终端尚未接入政务服务平台，下面是本终端记录的状态。</source>
        <translation>This kiosk is not connected to the platform; below is the status it has recorded itself.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>提交时间：</source>
        <translation>Submitted: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>最近更新：</source>
        <translation>Last updated: </translation>
    </message>
</context>
</TS>
