// 导入表格: upload a CSV/XLSX of residents; all rows are imported or none, and bad rows are listed by row number.
import { useState } from 'react';
import { Button, Modal, Table, Upload, message } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/http';
import { residentsApi, type ImportRowError } from '../../api/residents';

const TEMPLATE = '\uFEFF姓名,手机,出生年份,楼栋,单元,房号,标签,微信昵称\r\n王秀兰,13800000000,1941,1号楼,1单元,101,独居、高龄,王奶奶\r\n';

function downloadTemplate() {
  const url = URL.createObjectURL(new Blob([TEMPLATE], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = '居民导入模板.csv';
  a.click();
  URL.revokeObjectURL(url);
}

export function ResidentImportButton({ onImported }: { onImported: () => void }) {
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<{ title: string; errors: ImportRowError[] } | null>(null);

  const run = async (file: File) => {
    setBusy(true);
    try {
      const r = await residentsApi.importSheet(file);
      void message.success(`已导入 ${r.imported} 位居民`);
      onImported();
    } catch (e) {
      const err = e instanceof ApiError ? e : null;
      const errors = ((err?.details as { errors?: ImportRowError[] } | undefined)?.errors ?? []) as ImportRowError[];
      if (errors.length) setReport({ title: err!.message, errors });
      else void message.error(err?.message ?? '导入失败');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Upload accept=".csv,.xlsx" showUploadList={false} beforeUpload={(f) => (void run(f), false)}>
        <Button icon={<UploadOutlined />} loading={busy} data-testid="resident-import">
          导入表格
        </Button>
      </Upload>
      <Button type="link" onClick={downloadTemplate}>
        下载模板
      </Button>
      <Modal open={!!report} title={report?.title} footer={null} onCancel={() => setReport(null)} width={640}>
        <div data-testid="import-report">
          <Table
            size="small"
            rowKey={(e, i) => `${e.row}-${i}`}
            pagination={false}
            dataSource={report?.errors ?? []}
            columns={[
              { title: '行号', dataIndex: 'row', width: 80 },
              { title: '列', dataIndex: 'field', width: 120 },
              { title: '问题', dataIndex: 'message' },
            ]}
          />
        </div>
      </Modal>
    </>
  );
}
